using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Server.Tests.Cluster.Faults;

/// <summary>
/// Concurrent BYOK traffic, one worker per node (each with its own SDK client and its own keys, one call at a time), that
/// records what the caller was told succeeded: created and imported keys, their Enabled/Disabled state, a tag, and
/// ciphertexts. A call that failed leaves its key's state and tag unknown (it may or may not have taken effect); what
/// was acknowledged must all be found afterwards (<see cref="Verify"/>): the single-process crash test's check
/// (tests/KmsActors.Kms.Tests/Persistence/Crash), across nodes.
/// </summary>
public sealed class ByokTraffic(IReadOnlyList<ClusterNodeProcess> nodes, TimeSpan callTimeout, string region = "us-east-1")
{
    private readonly ConcurrentQueue<OwnedKey> _keys = new();
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly ConcurrentDictionary<char, List<OwnedKey>> _adopted = new();
    private readonly ConcurrentQueue<(DateTime Started, char Node, string Operation, string Error)> _failures = new();
    private long _acknowledged;

    /// <summary>One call as its caller saw it: when it started, how long the answer took, and the error (null: acknowledged).</summary>
    public sealed record Call(DateTime Started, TimeSpan Took, char Node, string Operation, string? ErrorCode, string? Error);

    /// <summary>A key owned by one worker: only that worker calls it, so what it was told is the key's whole history.</summary>
    public sealed class OwnedKey(string keyId)
    {
        public string KeyId { get; } = keyId;
        public bool Imported { get; set; }
        public bool Enabled { get; set; } = true;
        public int Tag { get; set; }
        /// <summary>A call on this key failed: its state and tag are whatever that call left (or not).</summary>
        public bool Uncertain { get; set; }
        public List<(byte[] Plaintext, byte[] Ciphertext)> Ciphertexts { get; } = [];
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public IReadOnlyList<(DateTime Started, char Node, string Operation, string Error)> Failures => [.. _failures];

    public IReadOnlyCollection<OwnedKey> Keys => _keys;

    /// <summary>Every call made, acknowledged or failed.</summary>
    public IReadOnlyList<Call> Calls => [.. _calls];

    /// <summary>Gives <paramref name="key"/> (created and imported elsewhere) to the worker of <paramref name="node"/>, before <see cref="Run"/>.</summary>
    public void Adopt(char node, OwnedKey key)
    {
        _adopted.GetOrAdd(node, _ => []).Add(key);
        _keys.Enqueue(key);
    }

    /// <summary>Calls acknowledged per node, for the report.</summary>
    public ConcurrentDictionary<char, long> PerNode { get; } = new();

    /// <summary>Runs one worker per node until <paramref name="stop"/>; a worker whose node is gone keeps failing fast.</summary>
    public Task Run(CancellationToken stop) =>
        Task.WhenAll(nodes.Select((node, i) => Task.Run(() => Worker(node, new Random(i * 7919 + 17), stop))));

    private async Task Worker(ClusterNodeProcess node, Random random, CancellationToken stop)
    {
        using var client = ClusterProcessesFixture.Client(node, callTimeout, region);
        var mine = new List<OwnedKey>(_adopted.TryGetValue(node.Name, out var adopted) ? adopted : []);
        while (!stop.IsCancellationRequested)
        {
            var started = DateTime.UtcNow;
            var ready = mine.Where(k => k.Imported && !k.Uncertain).ToList();
            OwnedKey? key = null;
            var operation = "CreateKey";
            try
            {
                if (ready.Count < 4 || random.Next(8) == 0)
                {
                    var created = await Timed(node, "CreateKey", () => client.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = $"fault traffic {node.Name}" }));
                    Acked(node);
                    key = new OwnedKey(created.KeyMetadata.KeyId);
                    mine.Add(key);
                    _keys.Enqueue(key);
                    operation = "GetParametersForImport";
                    var parameters = await Timed(node, operation, () => client.GetParametersForImportAsync(new GetParametersForImportRequest
                    {
                        KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
                    }));
                    Acked(node);
                    var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256,
                        KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT));
                    operation = "ImportKeyMaterial";
                    await Timed(node, operation, () => client.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
                    {
                        KeyId = key.KeyId, ImportToken = new MemoryStream(parameters.ImportToken.ToArray()), EncryptedKeyMaterial = new MemoryStream(wrapped),
                        ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
                    }));
                    Acked(node);
                    key.Imported = true;
                    continue;
                }
                key = ready[random.Next(ready.Count)];
                switch (random.Next(10))
                {
                    case < 6 when key.Enabled:
                        operation = "Encrypt";
                        var plaintext = new byte[16];
                        random.NextBytes(plaintext);
                        var encrypted = await Timed(node, operation, () => client.EncryptAsync(new EncryptRequest { KeyId = key.KeyId, Plaintext = new MemoryStream(plaintext) }));
                        Acked(node);
                        key.Ciphertexts.Add((plaintext, encrypted.CiphertextBlob.ToArray()));
                        break;
                    case < 8:
                        operation = key.Enabled ? "DisableKey" : "EnableKey";
                        if (key.Enabled)
                            await Timed(node, operation, () => client.DisableKeyAsync(new DisableKeyRequest { KeyId = key.KeyId }));
                        else
                            await Timed(node, operation, () => client.EnableKeyAsync(new EnableKeyRequest { KeyId = key.KeyId }));
                        Acked(node);
                        key.Enabled = !key.Enabled;
                        break;
                    default:
                        operation = "TagResource";
                        var tag = key.Tag + 1;
                        await Timed(node, operation, () => client.TagResourceAsync(new TagResourceRequest { KeyId = key.KeyId, Tags = [new Tag { TagKey = "n", TagValue = tag.ToString(System.Globalization.CultureInfo.InvariantCulture) }] }));
                        Acked(node);
                        key.Tag = tag;
                        break;
                }
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException or TaskCanceledException or OperationCanceledException or IOException)
            {
                if (key is not null)
                    key.Uncertain = true;
                _failures.Enqueue((started, node.Name, operation, $"{e.GetType().Name}: {(e as AmazonKeyManagementServiceException)?.ErrorCode} {e.Message}"));
                if (!stop.IsCancellationRequested)
                    await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task<T> Timed<T>(ClusterNodeProcess node, string operation, Func<Task<T>> call)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            var answer = await call();
            _calls.Enqueue(new Call(started, clock.Elapsed, node.Name, operation, null, null));
            return answer;
        }
        catch (Exception e)
        {
            _calls.Enqueue(new Call(started, clock.Elapsed, node.Name, operation, (e as AmazonServiceException)?.ErrorCode ?? e.GetType().Name, e.Message));
            throw;
        }
    }

    private void Acked(ClusterNodeProcess node)
    {
        Interlocked.Increment(ref _acknowledged);
        PerNode.AddOrUpdate(node.Name, 1, (_, n) => n + 1);
    }

    /// <summary>Every acknowledged call, read back through <paramref name="via"/> (surviving nodes, in turn): each key exists;
    /// a key no failed call touched has the state and tag it was last told; every acknowledged ciphertext decrypts to its
    /// plaintext (a key left Disabled, or unknown, is enabled first). Returns the number of ciphertexts decrypted.</summary>
    public async Task<int> Verify(IReadOnlyList<AmazonKeyManagementServiceClient> via)
    {
        var decrypted = 0;
        var turn = 0;
        foreach (var key in _keys)
        {
            var client = via[turn++ % via.Count];
            var described = (await client.DescribeKeyAsync(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata;
            if (!key.Uncertain)
            {
                Assert.True(key.Imported, $"{key.KeyId}: a certain key was imported.");
                Assert.Equal(key.Enabled ? KeyState.Enabled : KeyState.Disabled, described.KeyState);
                var tags = (await client.ListResourceTagsAsync(new ListResourceTagsRequest { KeyId = key.KeyId })).Tags;
                Assert.Equal(key.Tag == 0 ? null : key.Tag.ToString(System.Globalization.CultureInfo.InvariantCulture), tags.FirstOrDefault(t => t.TagKey == "n")?.TagValue);
            }
            else if (key.Imported)
                Assert.Contains(described.KeyState.Value, new[] { "Enabled", "Disabled" });
            if (key.Ciphertexts.Count == 0)
                continue;
            if (described.KeyState != KeyState.Enabled)
                await client.EnableKeyAsync(new EnableKeyRequest { KeyId = key.KeyId });
            foreach (var (plaintext, ciphertext) in key.Ciphertexts)
            {
                var answer = await client.DecryptAsync(new DecryptRequest { CiphertextBlob = new MemoryStream(ciphertext) });
                Assert.Equal(plaintext, answer.Plaintext.ToArray());
                decrypted++;
            }
        }
        return decrypted;
    }

    public static async Task<TimeSpan> Timed(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed;
    }
}
