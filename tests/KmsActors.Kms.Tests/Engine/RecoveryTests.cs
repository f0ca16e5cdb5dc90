using Akka.Actor;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.TestKit;
using KmsActors.TestKit.Byok;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>
/// State survives a restart: a key actor stopped and started again from the in-memory journal, and a whole engine
/// on a SQLite file across two actor systems (README.md, "Durability": state survives a restart).
/// </summary>
public sealed class RecoveryTests : EngineTestBase
{
    [Fact]
    public async Task a_stopped_key_actor_recovers_its_state_material_and_expiry_from_the_journal()
    {
        var key = await CreateExternalKey();
        var validTo = EngineNow.AddDays(3);
        var imported = await Import(key.KeyId!, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [42], EncryptionContext = Context("r") })).CiphertextBlob;
        var before = await Observable(key.KeyId!);
        var actor = await KeyActor(key.KeyId!);
        Watch(actor);

        actor.Tell(PoisonPill.Instance);
        await ExpectTerminatedAsync(actor);

        Assert.Equal(before, await Observable(key.KeyId!));
        Assert.NotEqual(actor, await KeyActor(key.KeyId!));
        Assert.Equal([42], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext, EncryptionContext = Context("r") })).Plaintext);
        await AdvanceToAsync(validTo);
        Assert.Equal(KeyState.PendingImport, (await Describe(key.KeyId!)).KeyState);
        Assert.Equal(imported.KeyMaterialId, (await SingleAudit("DeleteExpiredKeyMaterial")).ServiceEventDetails!.KeyMaterialId);
    }

    [Fact]
    public async Task an_engine_on_sqlite_restarts_with_its_keys_aliases_and_materials_and_expires_what_fell_due_while_it_was_down()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "kms-e2e-" + Guid.NewGuid().ToString("N"));
        var config = KmsTestKit.CreateConfig($"kms.journal.provider = sqlite\nkms.data-dir = \"{dataDir.Replace("\\", "/", StringComparison.Ordinal)}\"\nkms.import.pool {{ RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }}");
        try
        {
            string lasting, expiring, hmac;
            byte[] ciphertext, mac, material;
            DateTimeOffset validTo;
            string before;
            var first = ActorSystem.Create("kms-sqlite-1", config);
            try
            {
                var engine = KmsEngine.Start(first);
                var clock = VirtualClock.ForEngine(engine);

                material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
                lasting = await CreateAndImport(engine, KeySpec.SYMMETRIC_DEFAULT, material, null);
                await engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/lasting", TargetKeyId = lasting });
                ciphertext = (await engine.Encrypt(new EncryptRequest { KeyId = "alias/lasting", Plaintext = [1, 2, 3] })).CiphertextBlob!;
                validTo = clock.Now.AddDays(1);
                expiring = await CreateAndImport(engine, KeySpec.SYMMETRIC_DEFAULT, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT), validTo);
                hmac = await CreateAndImport(engine, KeySpec.HMAC_384, KeyMaterial.Create(KeySpec.HMAC_384), null);
                mac = (await engine.GenerateMac(new GenerateMacRequest { KeyId = hmac, Message = [9], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_384 })).Mac!;
                before = System.Text.Json.JsonSerializer.Serialize((await engine.DescribeKey(new DescribeKeyRequest { KeyId = lasting })).KeyMetadata);
                await engine.Settle();
            }
            finally
            {
                await first.Terminate();
            }

            var second = ActorSystem.Create("kms-sqlite-2", config);
            try
            {
                var clock = new VirtualClock(second);
                await clock.AdvanceAsync(TimeSpan.FromDays(2)); // down for two days: ValidTo of `expiring` passed meanwhile
                var audit = AuditRecorder.Start(second);
                var engine = KmsEngine.Start(second);
                clock.SettleOn(engine.Actor);

                var lastingNow = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = "alias/lasting" })).KeyMetadata!;
                var expiringNow = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = expiring })).KeyMetadata!;

                Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(lastingNow));
                Assert.Equal([1, 2, 3], (await engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
                Assert.True((await engine.VerifyMac(new VerifyMacRequest { KeyId = hmac, Message = [9], MacAlgorithm = MacAlgorithmSpec.HMAC_SHA_384, Mac = mac })).MacValid);
                Assert.Equal(KeyState.PendingImport, expiringNow.KeyState);
                await clock.SettleAsync(); // the recovered key has published its service event
                await audit.FlushAsync();
                var expired = Assert.Single(audit.Named("DeleteExpiredKeyMaterial"));
                Assert.Equal(validTo, expired.EventTime);
                Assert.Contains(expiring, expired.Resources.Single().Arn, StringComparison.Ordinal);
                // Same material, reimported after the restart, is recognised by its commitment.
                await AssertRefused(() => ImportInto(engine, lasting, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)), KmsErrorCodes.IncorrectKeyMaterialException);
                await ImportInto(engine, lasting, material);
            }
            finally
            {
                await second.Terminate();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataDir))
                Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<string> CreateAndImport(KmsEngine engine, KeySpec spec, byte[] material, DateTimeOffset? validTo)
    {
        var key = (await engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL, KeySpec = spec, KeyUsage = DefaultUsage(spec) })).KeyMetadata!;
        await ImportInto(engine, key.KeyId!, material, validTo);
        return key.KeyId!;
    }

    private static async Task ImportInto(KmsEngine engine, string keyId, byte[] material, DateTimeOffset? validTo = null)
    {
        var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        await engine.ImportKeyMaterial(Request(keyId, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, material), validTo));
    }
}
