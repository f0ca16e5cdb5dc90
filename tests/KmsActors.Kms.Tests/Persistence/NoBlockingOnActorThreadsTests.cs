using KmsActors.Kms.Engine;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.TestKit;
using KmsActors.TestKit.Byok;
using KmsActors.Kms.Services;

namespace KmsActors.Kms.Tests.Persistence;

/// <summary>
/// Issue 14, "Blocking on actor threads": no blocking call on an actor's thread (docs/persistence.md, "Nothing blocks an
/// actor"). A deliberately slow vault (its data-key store blocks on a gate the test holds closed) and an empty RSA pool
/// (its generator blocks on another) stall only the calls that need them: calls on other keys, many at once, are all
/// answered while those are held; once the gates open, the held calls complete, in the order they came. Nothing here
/// measures time (the benchmark's `kms isolation` does): the gates stay closed until the other keys' calls are done.
/// </summary>
public sealed class NoBlockingOnActorThreadsTests : KmsTestKit
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);
    private readonly Gate _vaultGate = new();
    private readonly Gate _generatorGate = new();
    private readonly GatedDataKeyStore _store;
    private readonly KmsEngine _engine;

    public NoBlockingOnActorThreadsTests()
        : base("kms.import.pool { RSA_2048 = 0, RSA_3072 = 0, RSA_4096 = 0, SM2 = 0 }\nkms.persistence.vault.threads = 2")
    {
        _store = new GatedDataKeyStore(_vaultGate);
        var services = (KmsServices)Sys.RegisterExtension(new KmsServicesProvider(new KmsServiceOverrides
        {
            DataKeyStore = _store,
            GenerateWrappingKey = spec =>
            {
                _generatorGate.Pass();
                return WrappingKeyPair.Generate(spec);
            },
        }));
        Assert.Same(services, KmsServices.Get(Sys)); // the engine below runs on the gated store and generator
        _engine = KmsEngine.Start(Sys);
        SettleOn(_engine.Actor);
    }

    [Fact]
    public async Task a_slow_vault_and_an_empty_rsa_pool_hold_only_their_own_calls_while_other_keys_answer()
    {
        var others = await CreateKeys(16);
        var rotating = await CreateKey();
        var importing = (await _engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata!;
        Assert.Equal(17, _store.Calls); // each AWS_KMS key stored its data key through the gated store
        _vaultGate.Close();
        _generatorGate.Close();

        // Held: a rotation storing its new data key, a DescribeKey of that key behind it, a new key storing its data key,
        // and a GetParametersForImport whose wrapping key pair is being generated.
        var rotation = _engine.RotateKeyOnDemand(new RotateKeyOnDemandRequest { KeyId = rotating.KeyId });
        await _vaultGate.Reached(HangGuard);
        var describedBehind = _engine.DescribeKey(new DescribeKeyRequest { KeyId = rotating.KeyId });
        var creation = _engine.CreateKey(new CreateKeyRequest { Description = "created while the vault is slow" });
        await _vaultGate.Reached(HangGuard);
        var parameters = _engine.GetParametersForImport(new GetParametersForImportRequest
        {
            KeyId = importing.KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        await _generatorGate.Reached(HangGuard);

        // Meanwhile: every other key answers, many calls at once, and so does the key whose import parameters wait.
        var calls = Enumerable.Range(0, 10).SelectMany(_ => others.Select(async key =>
        {
            var encrypted = await _engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = [1, 2, 3] });
            var described = await _engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId });
            return (encrypted.KeyId, described.KeyMetadata!.Arn);
        })).ToList();
        var answers = await Task.WhenAll(calls).WaitAsync(HangGuard);
        Assert.All(answers, a => Assert.Equal(a.KeyId, a.Arn));
        Assert.Equal(others.Count, answers.Select(a => a.KeyId).Distinct().Count());
        var pendingImport = await _engine.DescribeKey(new DescribeKeyRequest { KeyId = importing.KeyId }).WaitAsync(HangGuard);
        Assert.Equal(KeyState.PendingImport, pendingImport.KeyMetadata!.KeyState);

        Assert.False(rotation.IsCompleted);
        Assert.False(describedBehind.IsCompleted);
        Assert.False(creation.IsCompleted);
        Assert.False(parameters.IsCompleted);

        _vaultGate.Open();
        _generatorGate.Open();

        var rotated = await rotation.WaitAsync(HangGuard);
        var after = (await describedBehind.WaitAsync(HangGuard)).KeyMetadata!;
        Assert.Equal(rotating.Arn, rotated.KeyId);
        Assert.NotEqual(rotating.CurrentKeyMaterialId, after.CurrentKeyMaterialId); // answered after the rotation, as it came
        var created = (await creation.WaitAsync(HangGuard)).KeyMetadata!;
        Assert.Equal(KeyState.Enabled, created.KeyState);
        Assert.Equal([4, 5, 6], await RoundTrip(created.KeyId!, [4, 5, 6]));
        var imported = await ImportWith(await parameters.WaitAsync(HangGuard), importing.KeyId!);
        Assert.Equal(KeyState.Enabled, imported.KeyState);
    }

    [Fact]
    public async Task a_key_recovering_behind_a_slow_vault_holds_its_calls_and_answers_them_once_its_material_opens()
    {
        var recovering = await CreateKey();
        var others = await CreateKeys(8);
        var ciphertext = (await _engine.Encrypt(new EncryptRequest { KeyId = recovering.KeyId, Plaintext = [9, 8, 7] })).CiphertextBlob!;
        // kms.passivate-after (2m): the other keys are called half-way, so only `recovering` is idle long enough to stop.
        await AdvanceAsync(TimeSpan.FromSeconds(90));
        await Task.WhenAll(others.Select(k => _engine.DescribeKey(new DescribeKeyRequest { KeyId = k.KeyId })));
        await AdvanceAsync(TimeSpan.FromSeconds(90));
        await _engine.Settle();
        _vaultGate.Close();

        var decryption = _engine.Decrypt(new DecryptRequest { CiphertextBlob = ciphertext });
        await _vaultGate.Reached(HangGuard); // the key restarted and opens its material's data key through the vault
        var described = _engine.DescribeKey(new DescribeKeyRequest { KeyId = recovering.KeyId });

        var answers = await Task.WhenAll(others.Select(k => _engine.Encrypt(new EncryptRequest { KeyId = k.KeyId, Plaintext = [1] }))).WaitAsync(HangGuard);
        Assert.Equal(others.Select(k => k.Arn), answers.Select(a => a.KeyId));
        Assert.False(decryption.IsCompleted);
        Assert.False(described.IsCompleted);

        _vaultGate.Open();

        Assert.Equal([9, 8, 7], (await decryption.WaitAsync(HangGuard)).Plaintext);
        Assert.Equal(KeyState.Enabled, (await described.WaitAsync(HangGuard)).KeyMetadata!.KeyState);
    }

    private async Task<KeyMetadata> CreateKey() => (await _engine.CreateKey(new CreateKeyRequest())).KeyMetadata!;

    private async Task<List<KeyMetadata>> CreateKeys(int count)
    {
        var keys = new List<KeyMetadata>();
        for (var i = 0; i < count; i++)
            keys.Add(await CreateKey());
        return keys;
    }

    private async Task<byte[]> RoundTrip(string keyId, byte[] plaintext)
    {
        var encrypted = await _engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = plaintext });
        return (await _engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob })).Plaintext!;
    }

    private async Task<KeyMetadata> ImportWith(GetParametersForImportResponse parameters, string keyId)
    {
        var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
        await _engine.ImportKeyMaterial(new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            ImportToken = parameters.ImportToken,
            EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, material),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        });
        return (await _engine.DescribeKey(new DescribeKeyRequest { KeyId = keyId })).KeyMetadata!;
    }

    protected override void AfterAll()
    {
        _vaultGate.Open();
        _generatorGate.Open();
        base.AfterAll();
    }
}
