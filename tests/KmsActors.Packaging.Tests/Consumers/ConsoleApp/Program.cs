using System.Security.Cryptography;
using System.Text;
using KmsActors.Hosting;
using KmsActors.Kms.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Hosts the engine with AddKmsActors, brings its own key (wrapped with System.Security.Cryptography alone) and
// encrypts with it. PackagingTests read the two last lines.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddKmsActors(builder.Configuration, kms => kms.Switches.Add("--kms.journal.provider=inmem"));
using var host = builder.Build();
await host.StartAsync();
var kms = host.Services.GetRequiredService<IKmsClient>();

var key = (await kms.CreateKey(new CreateKeyRequest { Origin = OriginType.EXTERNAL, Description = "outside the repository" })).KeyMetadata!;
var parameters = await kms.GetParametersForImport(new GetParametersForImportRequest
{
    KeyId = key.KeyId, WrappingAlgorithm = AlgorithmSpec.RSAES_OAEP_SHA_256, WrappingKeySpec = WrappingKeySpec.RSA_2048,
});
using var wrappingKey = RSA.Create();
wrappingKey.ImportSubjectPublicKeyInfo(parameters.PublicKey, out _);
var material = RandomNumberGenerator.GetBytes(32);
await kms.ImportKeyMaterial(new ImportKeyMaterialRequest
{
    KeyId = key.KeyId,
    ImportToken = parameters.ImportToken,
    EncryptedKeyMaterial = wrappingKey.Encrypt(material, RSAEncryptionPadding.OaepSHA256),
    ExpirationModel = ExpirationModelType.KEY_MATERIAL_DOES_NOT_EXPIRE,
});
var state = (await kms.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId })).KeyMetadata!.KeyState;

var context = new Dictionary<string, string> { ["app"] = "outside" };
var encrypted = await kms.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "hello from outside the repository"u8.ToArray(), EncryptionContext = context });
var decrypted = await kms.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob, EncryptionContext = context });
await host.StopAsync();

Console.WriteLine($"imported: {key.KeyId} {state}");
Console.WriteLine($"decrypted: {Encoding.UTF8.GetString(decrypted.Plaintext!)} (from {encrypted.CiphertextBlob!.Length} bytes)");
