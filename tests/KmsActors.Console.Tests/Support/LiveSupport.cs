using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using KmsActors.TestKit.Byok;
using KmsModel = KmsActors.Kms.Model;

namespace KmsActors.Console.Tests.Support;

/// <summary>Helpers of the live pages' tests (Audit, Key material expiry, Metrics).</summary>
public static class LiveSupport
{
    /// <summary>An EXTERNAL symmetric key whose imported material expires at <paramref name="validTo"/> (through the SDK:
    /// GetParametersForImport, wrap with the TestKit, ImportKeyMaterial).</summary>
    public static async Task<string> ExternalKeyExpiringAt(IAmazonKeyManagementService kms, DateTime validTo)
    {
        var keyId = (await kms.CreateKeyAsync(new CreateKeyRequest { Origin = OriginType.EXTERNAL })).KeyMetadata.KeyId;
        var parameters = await kms.GetParametersForImportAsync(new GetParametersForImportRequest
        {
            KeyId = keyId,
            WrappingAlgorithm = AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256,
            WrappingKeySpec = WrappingKeySpec.RSA_2048,
        });
        var wrapped = KeyMaterialWrapper.Wrap(parameters.PublicKey.ToArray(), KmsModel.AlgorithmSpec.RSA_AES_KEY_WRAP_SHA_256,
            KeyMaterial.Create(KmsModel.KeySpec.SYMMETRIC_DEFAULT));
        await kms.ImportKeyMaterialAsync(new ImportKeyMaterialRequest
        {
            KeyId = keyId,
            ImportToken = new MemoryStream(parameters.ImportToken.ToArray()),
            EncryptedKeyMaterial = new MemoryStream(wrapped),
            ExpirationModel = ExpirationModelType.KEY_MATERIAL_EXPIRES,
            ValidTo = validTo,
        });
        return keyId;
    }

    /// <summary>
    /// Reads <paramref name="read"/> until <paramref name="holds"/> (at most 10 s of real time): an audit record reaches
    /// the console's history, and a measurement its figures, just after the SDK has its answer, not before. The engine's
    /// clock plays no part here (nothing waits for a due date).
    /// </summary>
    public static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> holds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var value = await read();
            if (holds(value) || DateTime.UtcNow > deadline)
                return value;
            await Task.Delay(50);
        }
    }
}
