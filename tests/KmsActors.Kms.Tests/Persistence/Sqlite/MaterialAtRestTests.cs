using System.Buffers.Binary;
using Akka.Actor;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Engine;
using KmsActors.TestKit;
using KmsActors.TestKit.Byok;
using Microsoft.Data.Sqlite;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Tests.Persistence.Sqlite;

/// <summary>
/// Key material at rest on the SQLite journal (README.md, "Key material at rest": never stored in plain text, crypto-shredding), proven by
/// scanning every file of the data directory — kms.db, its WAL and shared-memory file, key files — byte by byte.
/// </summary>
public sealed class MaterialAtRestTests : EngineTestBase
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "kms-seal-" + Guid.NewGuid().ToString("N"));

    /// <summary>A snapshot after every second event: KeyCreated + KeyMaterialImported already leave one.</summary>
    private Akka.Configuration.Config SqliteConfig(string extra = "") => KmsTestKit.CreateConfig(
        $"kms.journal.provider = sqlite\nkms.data-dir = \"{_dataDir.Replace("\\", "/", StringComparison.Ordinal)}\"\nkms.snapshot-every = 2\n" +
        $"kms.import.pool {{ RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }}\n{extra}");

    [Fact]
    public async Task imported_material_is_in_no_file_and_after_deletion_neither_is_its_data_key_while_the_commitment_still_checks_reimports()
    {
        var symmetric = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        var ecc = KeyMaterial.Create(KeySpec.ECC_NIST_P256);
        var rsa = KeyMaterial.Create(KeySpec.RSA_2048);
        string symmetricArn, eccArn, rsaArn;
        byte[] ciphertext, signature;

        await using (var first = await Running("seal-1"))
        {
            symmetricArn = await CreateAndImport(first.Engine, KeySpec.SYMMETRIC_DEFAULT, symmetric);
            eccArn = await CreateAndImport(first.Engine, KeySpec.ECC_NIST_P256, ecc);
            rsaArn = await CreateAndImport(first.Engine, KeySpec.RSA_2048, rsa);
            ciphertext = (await first.Engine.Encrypt(new EncryptRequest { KeyId = symmetricArn, Plaintext = [1, 2, 3] })).CiphertextBlob!;
            signature = (await first.Engine.Sign(new SignRequest { KeyId = eccArn, Message = [7], SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 })).Signature!;
            await first.Engine.Settle();

            // Snapshots are saved in the background.
            await AwaitConditionAsync(() => Task.FromResult(Count("SELECT count(DISTINCT persistence_id) FROM snapshot WHERE persistence_id LIKE 'key-%'") == 3), TimeSpan.FromSeconds(10));
            Assert.Equal(3, Count("SELECT count(*) FROM material_data_key"));
            AssertInNoFile(symmetric, ecc, rsa); // while running: the WAL holds the latest commits
        }
        AssertInSomeFile(symmetricArn); // the scan sees the journal
        AssertInNoFile(symmetric, ecc, rsa);

        byte[] shreddedKey;
        await using (var second = await Running("seal-2"))
        {
            // Material recovered by opening it with its data key.
            Assert.Equal([1, 2, 3], (await second.Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
            Assert.True((await second.Engine.Verify(new VerifyRequest { KeyId = eccArn, Message = [7], Signature = signature, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 })).SignatureValid);
            shreddedKey = SealedDataKeys(symmetricArn).Single();
            var openKey = OpenDataKey(second.System, symmetricArn);

            await second.Engine.DeleteImportedKeyMaterial(new DeleteImportedKeyMaterialRequest { KeyId = symmetricArn });

            Assert.Empty(SealedDataKeys(symmetricArn));
            Assert.Single(SealedDataKeys(eccArn));
            AssertInNoFile(shreddedKey, openKey);
            Assert.Equal(KeyState.PendingImport, (await second.Engine.DescribeKey(new DescribeKeyRequest { KeyId = symmetricArn })).KeyMetadata!.KeyState);
        }
        AssertInNoFile(shreddedKey, symmetric, ecc, rsa);

        await using (var third = await Running("seal-3"))
        {
            Assert.Equal(KeyState.PendingImport, (await third.Engine.DescribeKey(new DescribeKeyRequest { KeyId = symmetricArn })).KeyMetadata!.KeyState);
            await AssertRefused(() => Import(third.Engine, symmetricArn, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)), KmsErrorCodes.IncorrectKeyMaterialException);
            await Import(third.Engine, symmetricArn, symmetric);
            Assert.Equal([1, 2, 3], (await third.Engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext })).Plaintext);
            Assert.NotEqual(shreddedKey, SealedDataKeys(symmetricArn).Single()); // a fresh data key
            await third.Engine.Settle();
        }
        AssertInNoFile(shreddedKey, symmetric, ecc, rsa);
    }

    [Fact]
    public async Task expired_material_and_a_deleted_keys_generated_material_lose_their_data_keys_under_virtual_time()
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        await using var running = await Running("seal-expiry", "kms.deterministic-ids.enabled = on");
        var expiring = await CreateAndImport(running.Engine, KeySpec.SYMMETRIC_DEFAULT, material, running.Clock.Now.AddDays(1));
        var generated = (await running.Engine.CreateKey(new CreateKeyRequest { KeySpec = KeySpec.SYMMETRIC_DEFAULT })).KeyMetadata!;
        // Seeded IDs: AWS_KMS material derives from the key ID, so the test knows the bytes to look for.
        var generatedMaterial = DeterministicMaterial.OrRandom(generated.KeyId!, KeySpec.SYMMETRIC_DEFAULT, false, generated.CreationDate!.Value);
        Assert.Equal(generated.CurrentKeyMaterialId, KeyMaterialIds.Derive(generated.KeyId!, generatedMaterial));
        await running.Engine.Settle();
        AssertInNoFile(material, generatedMaterial);
        var expiringKey = SealedDataKeys(expiring).Single();
        var generatedKey = SealedDataKeys(generated.Arn!).Single();
        await running.Engine.ScheduleKeyDeletion(new ScheduleKeyDeletionRequest { KeyId = generated.KeyId, PendingWindowInDays = 7 });

        await running.Clock.AdvanceAsync(TimeSpan.FromDays(8));
        await running.Engine.Settle();

        Assert.Equal(KeyState.PendingImport, (await running.Engine.DescribeKey(new DescribeKeyRequest { KeyId = expiring })).KeyMetadata!.KeyState);
        await AssertRefused(() => running.Engine.DescribeKey(new DescribeKeyRequest { KeyId = generated.KeyId }), KmsErrorCodes.NotFoundException);
        Assert.Empty(SealedDataKeys(expiring));
        Assert.Empty(SealedDataKeys(generated.Arn!));
        AssertInNoFile(expiringKey, generatedKey, material, generatedMaterial);
    }

    private async Task<RunningEngine> Running(string name, string extra = "")
    {
        var system = ActorSystem.Create(name, SqliteConfig(extra));
        var engine = KmsEngine.Start(system);
        var clock = VirtualClock.ForEngine(engine);
        await engine.Settle();
        return new RunningEngine(system, engine, clock);
    }

    private sealed record RunningEngine(ActorSystem System, KmsEngine Engine, VirtualClock Clock) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await System.Terminate();
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<string> CreateAndImport(KmsEngine engine, KeySpec spec, byte[] material, DateTimeOffset? validTo = null)
    {
        var key = (await engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL, KeySpec = spec, KeyUsage = DefaultUsage(spec) })).KeyMetadata!;
        await Import(engine, key.Arn!, material, validTo);
        return key.Arn!;
    }

    private static async Task Import(KmsEngine engine, string keyId, byte[] material, DateTimeOffset? validTo = null)
    {
        var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = keyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        await engine.ImportKeyMaterial(Request(keyId, parameters, KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material), validTo));
    }

    private SqliteConnection Database()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "kms.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private long Count(string sql)
    {
        using var connection = Database();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private List<byte[]> SealedDataKeys(string keyArn)
    {
        using var connection = Database();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sealed_key FROM material_data_key WHERE key_arn = $arn";
        command.Parameters.AddWithValue("$arn", keyArn);
        using var reader = command.ExecuteReader();
        var keys = new List<byte[]>();
        while (reader.Read())
            keys.Add((byte[])reader.GetValue(0));
        return keys;
    }

    /// <summary>The unsealed data key of the key's only material, as the key actor holds it in memory.</summary>
    private byte[] OpenDataKey(ActorSystem system, string keyArn)
    {
        using var connection = Database();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data_key_id, key_material_id FROM material_data_key WHERE key_arn = $arn";
        command.Parameters.AddWithValue("$arn", keyArn);
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return KmsServices.Get(system).Vault.OpenDataKey(reader.GetString(0), keyArn, reader.GetString(1))!.Key;
    }

    private void AssertInSomeFile(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        Assert.Contains(DataFiles(), file => ReadShared(file).AsSpan().IndexOf(needle) >= 0);
    }

    /// <summary>No file holds any 16-byte run of any of the secrets (so no copy, whole or in part, at any offset).</summary>
    private void AssertInNoFile(params byte[][] secrets)
    {
        const int Window = 16;
        var windows = new HashSet<(ulong, ulong)>();
        foreach (var secret in secrets)
            for (var i = 0; i + Window <= secret.Length; i++)
                windows.Add(Read(secret, i));
        var files = DataFiles();
        Assert.Contains(files, f => f.EndsWith("kms.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var bytes = ReadShared(file);
            for (var i = 0; i + Window <= bytes.Length; i++)
                Assert.False(windows.Contains(Read(bytes, i)), $"{Path.GetFileName(file)} holds secret bytes at offset {i}.");
        }
    }

    private static (ulong, ulong) Read(byte[] bytes, int offset) =>
        (BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset)), BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(offset + 8)));

    /// <summary>Every file under the data directory.</summary>
    private string[] DataFiles() => Directory.GetFiles(_dataDir, "*", SearchOption.AllDirectories);

    /// <summary>The file's bytes, read while SQLite may have it open; none when SQLite removed it (the -shm and -wal
    /// files go when the last connection closes) between listing and reading: a file that is gone holds nothing.</summary>
    private static byte[] ReadShared(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (FileNotFoundException) when (!file.EndsWith("kms.db", StringComparison.Ordinal))
        {
            return [];
        }
    }

    protected override void AfterAll()
    {
        base.AfterAll();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDir))
            Directory.Delete(_dataDir, recursive: true);
    }
}
