using System.Collections;
using System.Text;
using Akka.Actor;
using KmsActors.Kms.Audit;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Engine;
using KmsActors.Kms.Model;
using KmsActors.Samples.Byok;
using KmsActors.TestKit;
using KmsActors.TestKit.Byok;

// The whole "bring your own key" flow, in-process, on virtual time: a year passes in milliseconds.
// Run: dotnet run --project samples/KmsActors.Samples.Byok
var config = KmsConfiguration.Load(profiles: ["testkit"], environment: new Hashtable());
using var system = ActorSystem.Create("byok-sample", config);
var engine = KmsEngine.Start(system);
var clock = VirtualClock.ForEngine(engine);
var audit = AuditRecorder.Start(system);
var step = new Steps();

var key = (await engine.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "BYOK sample key" })).KeyMetadata!;
step.Print("CreateKey Origin=EXTERNAL", $"{key.KeyId} is {key.KeyState} (Enabled={key.Enabled})");

var parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
{
    KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
});
step.Print("GetParametersForImport", $"RSA_2048 public key ({parameters.PublicKey!.Length} bytes DER), token valid to {parameters.ParametersValidTo:u}");

var material = KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT);
var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey, AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256, material);
step.Print("Wrap (client side)", $"32 bytes of material → {wrapped.Length} bytes with RSA_AES_KEY_WRAP_SHA_256");

var validTo = clock.Now.AddDays(365);
var imported = await engine.ImportKeyMaterial(new ImportKeyMaterialRequest
{
    KeyId = key.KeyId, ImportToken = parameters.ImportToken, EncryptedKeyMaterial = wrapped,
    ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES, ValidTo = validTo,
});
var described = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!;
step.Print("ImportKeyMaterial ValidTo=now+365d", $"material {imported.KeyMaterialId![..12]}…; key is {described.KeyState}, expires {described.ValidTo:u}");

var context = new Dictionary<string, string> { ["purpose"] = "byok-sample" };
var encrypted = await engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "hello, KMS"u8.ToArray(), EncryptionContext = context });
var decrypted = await engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = context });
step.Print("Encrypt / Decrypt", $"{encrypted.CiphertextBlob!.Length}-byte ciphertext → \"{Encoding.UTF8.GetString(decrypted.Plaintext!)}\"");

await clock.AdvanceAsync(TimeSpan.FromDays(366));
described = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!;
step.Print("Advance virtual time 366 days", $"now {clock.Now:u}; key is {described.KeyState}; audit: {string.Join(", ", audit.ServiceEvents.Select(r => r.EventName))}");

try
{
    await engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = context });
}
catch (KmsException e)
{
    step.Print("Decrypt without material", $"{e.ErrorCode}: {e.Message}");
}

parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
{
    KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
});
await engine.ImportKeyMaterial(new ImportKeyMaterialRequest
{
    KeyId = key.KeyId, ImportToken = parameters.ImportToken, ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
    EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, material),
});
described = (await engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!;
step.Print("Reimport the same material (RSAES_OAEP_SHA_256, no expiry)", $"key is {described.KeyState}, ExpirationModel {described.ExpirationModel}");

decrypted = await engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = context });
step.Print("Decrypt the year-old ciphertext", $"\"{Encoding.UTF8.GetString(decrypted.Plaintext!)}\"");

try
{
    parameters = await engine.GetParametersForImport(new GetParametersForImportRequest
    {
        KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
    });
    await engine.ImportKeyMaterial(new ImportKeyMaterialRequest
    {
        KeyId = key.KeyId, ImportToken = parameters.ImportToken, ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
        EncryptedKeyMaterial = KeyMaterialWrapper.Wrap(parameters.PublicKey!, AlgorithmSpec.RSAES_OAEP_SHA_256, KeyMaterial.Create(KeySpec.SYMMETRIC_DEFAULT)),
    });
}
catch (KmsException e)
{
    step.Print("Import different material", $"{e.ErrorCode}: {e.Message}");
}

step.Print("Audit trail", $"{audit.Records.Count} CloudTrail-shaped records: {string.Join(", ", audit.Records.Select(r => r.EventName).Distinct())}");
await system.Terminate();
