using Akka.Actor;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.TestKit.Byok;
using KmsActors.Kms.Routing;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// kms.max-live-keys through the engine with real key actors: a key passivated because others were used more recently
/// answers its next call from its journal with every state change intact, and still expires on time.
/// </summary>
public sealed class LiveKeyLimitTests() : EngineTestBase("kms.max-live-keys = 3")
{
    private static readonly byte[] Plaintext = "limit"u8.ToArray();

    /// <summary>The keys among <paramref name="keyIds"/> whose actor runs (Identify: a stopped key does not answer).</summary>
    private async Task<IReadOnlyList<string>> Alive(IEnumerable<string> keyIds, string region = UsEast1)
    {
        var alive = new List<string>();
        foreach (var keyId in keyIds)
        {
            var identity = await Sys.ActorSelection($"/user/{KmsEngineActor.Name}/111122223333-{region}/{keyId}")
                .Ask<ActorIdentity>(new Identify(keyId), TimeSpan.FromSeconds(5));
            if (identity.Subject is not null)
                alive.Add(keyId);
        }
        return alive;
    }

    private async Task<string> CreateKey(bool multiRegion = false) =>
        (await Engine.CreateKey(new CreateKeyRequest { MultiRegion = multiRegion })).KeyMetadata!.KeyId!;

    /// <summary>Calls three other keys, so <paramref name="keyId"/> is the least recently used and passivated.</summary>
    private async Task PassivateByUsingOthers(string keyId, IReadOnlyList<string> others)
    {
        foreach (var other in others)
            await Engine.Encrypt(new EncryptRequest { KeyId = other, Plaintext = Plaintext });
        await Engine.Settle();
        Assert.Empty(await Alive([keyId]));
    }

    [Fact]
    public async Task at_most_the_limit_of_key_actors_run_while_ten_keys_are_used_round_robin()
    {
        var keys = new List<string>();
        for (var i = 0; i < 10; i++)
            keys.Add(await CreateKey());
        await Engine.Settle();
        Assert.InRange((await Alive(keys)).Count, 1, 3);

        var ciphertexts = new Dictionary<string, byte[]>();
        for (var round = 0; round < 2; round++)
        {
            foreach (var keyId in keys)
            {
                if (round == 0)
                    ciphertexts[keyId] = (await Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = Plaintext })).CiphertextBlob!;
                else
                {
                    var decrypted = await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertexts[keyId] });
                    Assert.Equal(Plaintext, decrypted.Plaintext);
                    Assert.Equal($"arn:aws:kms:us-east-1:111122223333:key/{keyId}", decrypted.KeyId);
                }
                await Engine.Settle();
                var alive = await Alive(keys);
                Assert.InRange(alive.Count, 1, 3);
                Assert.Contains(keyId, alive);
            }
        }
        Assert.Equal(keys[^3..], await Alive(keys));
    }

    [Fact]
    public async Task a_key_passivated_by_the_limit_decrypts_what_it_encrypted_before()
    {
        var keyId = await CreateKey();
        var encrypted = await Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = Plaintext, EncryptionContext = Context("lru") });
        var before = await KeyActor(keyId);
        await PassivateByUsingOthers(keyId, [await CreateKey(), await CreateKey(), await CreateKey()]);

        var decrypted = await Engine.Decrypt(new DecryptRequest { KeyId = keyId, CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = Context("lru") });

        Assert.Equal(Plaintext, decrypted.Plaintext);
        Assert.Equal(encrypted.KeyId, decrypted.KeyId);
        Assert.NotEqual(before, await KeyActor(keyId));
    }

    [Fact]
    public async Task state_changes_survive_passivation_by_the_limit()
    {
        var keyId = await CreateKey();
        await Engine.Send<EmptyResponse>(new TagResourceRequest { KeyId = keyId, Tags = [new Tag { TagKey = "team", TagValue = "payments" }] });
        await Engine.DisableKey(new DisableKeyRequest { KeyId = keyId });
        await PassivateByUsingOthers(keyId, [await CreateKey(), await CreateKey(), await CreateKey()]);

        Assert.Equal(KeyState.Disabled, (await Describe(keyId)).KeyState);
        var tags = await Engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = keyId });
        Assert.Equal(("team", "payments"), (Assert.Single(tags.Tags!).TagKey, tags.Tags![0].TagValue));
        await AssertRefused(() => Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = Plaintext }), KmsErrorCodes.DisabledException);
    }

    [Fact]
    public async Task the_material_of_a_key_passivated_by_the_limit_expires_on_time()
    {
        var key = await CreateExternalKey();
        var validTo = EngineNow.AddDays(10);
        var imported = await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);
        await PassivateByUsingOthers(key.KeyId!, [await CreateKey(), await CreateKey(), await CreateKey()]);

        await AdvanceToAsync(validTo.AddMinutes(-1));
        Assert.Empty(Audit.Named("DeleteExpiredKeyMaterial"));
        await AdvanceToAsync(validTo);

        var expired = await SingleAudit("DeleteExpiredKeyMaterial");
        Assert.Equal(validTo, expired.EventTime);
        Assert.Equal(imported.KeyMaterialId, expired.ServiceEventDetails!.KeyMaterialId);
        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task keys_created_faster_than_they_report_are_all_created()
    {
        // Eight creates in flight at once: the first keys are passivated by the limit while still being created.
        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => CreateKey()));
        await Engine.Settle();

        Assert.Equal(created.Order(StringComparer.Ordinal), (await Engine.ListKeys(new ListKeysRequest())).Keys!.Select(k => k.KeyId));
        foreach (var keyId in created)
            Assert.Equal(KeyState.Enabled, (await Describe(keyId)).KeyState);
        Assert.InRange((await Alive(created)).Count, 1, 3);
    }

    [Fact]
    public async Task a_primary_passivated_by_the_limit_while_replicating_still_answers_replicate_key()
    {
        var primary = await CreateKey(multiRegion: true);
        var others = new[] { await CreateKey(), await CreateKey(), await CreateKey() };
        // Creating the third other passivated the primary. Settle waits until it has stopped (the region's barrier watches
        // stopping keys), and the region's Terminated for it then precedes ReplicateKey in the region's mailbox. Without
        // this, ReplicateKey could arrive while the primary was still stopping: held until it stopped, the three calls
        // behind it reached the others still running, and the primary, restarted last, was the most recent key and kept.
        await Engine.Settle();
        Assert.Empty(await Alive([primary]));

        // ReplicateKey restarts the primary; the three calls behind it restart the others and, the last of them,
        // passivate the primary while it waits for the replica region.
        var replicate = Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary, ReplicaRegion = EuWest1 });
        var describes = others.Select(other => Describe(other)).ToList();
        var replica = (await replicate).ReplicaKeyMetadata!;
        await Task.WhenAll(describes);
        await Engine.Settle();

        Assert.Empty(await Alive([primary])); // it did stop, once answered
        Assert.Equal($"arn:aws:kms:eu-west-1:111122223333:key/{primary}", replica.Arn);
        var replicas = (await Describe(primary)).MultiRegionConfiguration!.ReplicaKeys!;
        Assert.Equal([replica.Arn], replicas.Select(r => r.Arn));
    }
}
