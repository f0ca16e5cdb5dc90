using KmsActors.CrashHarness;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Persistence.Crash;

/// <summary>
/// The keys the harness's acknowledged calls imply, checked against an engine restarted on the same file. A call
/// begun and not acknowledged when the process was killed may or may not have taken effect: a key must show either
/// what its acknowledged calls imply or that plus its one call in flight; whichever it shows becomes the model the
/// next run is checked against.
/// </summary>
public sealed class ExpectedEngineState
{
    private readonly Dictionary<string, ExpectedKey> _keys = new(StringComparer.Ordinal);

    public IReadOnlyCollection<ExpectedKey> Keys => _keys.Values;

    /// <summary>Acknowledged calls by operation, over all runs.</summary>
    public Dictionary<string, int> Acknowledged { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls in flight at a kill that turned out to have taken effect, and those that had not.</summary>
    public (int Applied, int Lost) InFlight { get; private set; }

    public int CiphertextsChecked { get; private set; }

    /// <summary>Folds in the lines of one run; returns the calls begun and not acknowledged (at most one per worker).</summary>
    public IReadOnlyList<AckLine> Absorb(IEnumerable<AckLine> lines, Func<string> diagnostics)
    {
        var pending = new Dictionary<int, AckLine>();
        foreach (var line in lines)
        {
            switch (line.Kind)
            {
                case AckLine.Error:
                    Assert.Fail($"Worker {line.Worker} of the harness got an error from a call that must succeed: {string.Join(' ', line.Args)}\n{diagnostics()}");
                    break;
                case AckLine.Begin:
                    Assert.False(pending.ContainsKey(line.Worker), $"Worker {line.Worker} began a call before its previous one answered.");
                    pending[line.Worker] = line;
                    break;
                case AckLine.Ack:
                    Assert.True(pending.Remove(line.Worker, out var begun) && begun.Op == line.Op && (begun.Key == line.Key || begun.Key == "-"),
                        $"ACK without its BEGIN: {line.Format()}");
                    if (line.Op == ByokOp.CreateKey)
                        _keys.Add(line.Key, new ExpectedKey(line.Key, line.Args[0]));
                    else
                        _keys[line.Key].Apply(line.Op, line.Args);
                    Acknowledged[line.Op] = Acknowledged.GetValueOrDefault(line.Op) + 1;
                    break;
            }
        }
        return [.. pending.Values];
    }

    public async Task Verify(KmsEngine engine, IReadOnlyList<AckLine> inFlight)
    {
        var listed = await ListKeyIds(engine);
        var creating = inFlight.Where(c => c.Op == ByokOp.CreateKey).ToList();
        foreach (var id in listed.Where(id => !_keys.ContainsKey(id)))
        {
            // Only a CreateKey in flight at the kill may have left a key nobody acknowledged.
            var description = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = id })).KeyMetadata!.Description;
            var made = creating.FirstOrDefault(c => c.Args[0] == description);
            Assert.True(made is not null, $"ListKeys shows {id} ('{description}'), which no acknowledged or in-flight CreateKey made.");
            creating.Remove(made);
            _keys.Add(id, new ExpectedKey(id, description!));
            InFlight = (InFlight.Applied + 1, InFlight.Lost);
        }
        InFlight = (InFlight.Applied, InFlight.Lost + creating.Count);

        var byKey = inFlight.Where(c => c.Op != ByokOp.CreateKey).ToDictionary(c => c.Key, StringComparer.Ordinal);
        foreach (var key in _keys.Values)
        {
            Assert.True(listed.Contains(key.Id), $"Acknowledged key {key.Id} is missing from ListKeys.");
            var observed = await Observe(engine, key.Id);
            if (byKey.TryGetValue(key.Id, out var call) && observed != key.View && observed == key.With(call.Op, call.Args).View)
            {
                key.Apply(call.Op, call.Args);
                InFlight = (InFlight.Applied + 1, InFlight.Lost);
            }
            else
            {
                Assert.True(observed == key.View,
                    $"Key {key.Id}: the engine shows\n  {observed}\nits acknowledged calls imply\n  {key.View}" +
                    (call is null ? "" : $"\nor, with the call in flight ({call.Op}),\n  {key.With(call.Op, call.Args).View}"));
                if (call is not null && key.With(call.Op, call.Args).View != key.View)
                    InFlight = (InFlight.Applied, InFlight.Lost + 1);
            }
            await CheckCiphertexts(engine, key);
        }
    }

    /// <summary>Every acknowledged ciphertext decrypts to its plaintext while the key is Enabled (also after its material
    /// was deleted and the same material imported again); otherwise Decrypt is refused for the key's state.</summary>
    private async Task CheckCiphertexts(KmsEngine engine, ExpectedKey key)
    {
        if (key.State != KeyState.Enabled)
        {
            if (key.Ciphertexts.Count == 0)
                return;
            var refused = await Assert.ThrowsAsync<KmsException>(() => engine.Decrypt(new DecryptRequest { KeyId = key.Id, CiphertextBlob = key.Ciphertexts[0].Ciphertext }));
            Assert.Equal(key.State == KeyState.Disabled ? KmsErrorCodes.DisabledException : KmsErrorCodes.KMSInvalidStateException, refused.ErrorCode);
            return;
        }
        foreach (var (plaintext, ciphertext) in key.Ciphertexts)
        {
            var decrypted = await engine.Decrypt(new DecryptRequest { KeyId = key.Id, CiphertextBlob = ciphertext });
            Assert.Equal(plaintext, decrypted.Plaintext);
            CiphertextsChecked++;
        }
    }

    private static async Task<HashSet<string>> ListKeyIds(KmsEngine engine)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        string? marker = null;
        do
        {
            var page = await engine.ListKeys(new ListKeysRequest { Limit = 1000, Marker = marker });
            ids.UnionWith((page.Keys ?? []).Select(k => k.KeyId!));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (marker is not null);
        return ids;
    }

    private static async Task<KeyView> Observe(KmsEngine engine, string keyId)
    {
        var metadata = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata!;
        var tags = (await engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = keyId })).Tags ?? [];
        var aliases = new List<string>();
        string? marker = null;
        do
        {
            var page = await engine.ListAliases(new ListAliasesRequest { KeyId = keyId, Marker = marker });
            aliases.AddRange((page.Aliases ?? []).Select(a => a.AliasName!));
            marker = page.Truncated == true ? page.NextMarker : null;
        }
        while (marker is not null);
        var state = metadata.KeyState!.Value;
        var hasMaterial = state != KeyState.PendingImport;
        return new KeyView(
            state,
            hasMaterial ? metadata.ExpirationModel : null,
            hasMaterial ? metadata.ValidTo?.ToUnixTimeSeconds() : null,
            metadata.Description,
            string.Join(";", tags.Select(t => $"{t.TagKey}={t.TagValue}").Order(StringComparer.Ordinal)),
            string.Join(";", aliases.Order(StringComparer.Ordinal)));
    }
}
