using System.Security.Cryptography;
using System.Text;
using KmsActors.Hosting;
using KmsActors.Kms.Model;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KmsActors.Samples.HostedApp;

/// <summary>
/// Envelope encryption with an imported KMS key: GenerateDataKey gives a fresh AES-256 key in plaintext and wrapped
/// under the KMS key; the document is sealed locally with AES-GCM and only the wrapped data key is stored next to
/// it. Reading it back asks KMS to Decrypt the wrapped data key.
/// </summary>
public sealed class EnvelopeWorker(IKmsClient kms, IHostApplicationLifetime lifetime, ILogger<EnvelopeWorker> logger) : BackgroundService
{
    private static readonly Dictionary<string, string> Context = new() { ["document"] = "invoice-42" };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var key = (await kms.DescribeKey(new DescribeKeyRequest { KeyId = "alias/hosted-app" }, ct: stoppingToken)).KeyMetadata!;
        logger.LogInformation("KMS key {KeyId}: {Origin}, {KeyState}", key.KeyId, key.Origin, key.KeyState);

        var stored = await Seal("Pay 100 EUR to ACME by Friday."u8.ToArray(), stoppingToken);
        logger.LogInformation("Stored {Bytes} bytes of ciphertext and a {KeyBytes}-byte wrapped data key", stored.Ciphertext.Length, stored.WrappedKey.Length);

        var document = await Open(stored, stoppingToken);
        logger.LogInformation("Read back: {Document}", Encoding.UTF8.GetString(document));
        lifetime.StopApplication();
    }

    private async Task<Envelope> Seal(byte[] document, CancellationToken ct)
    {
        var dataKey = await kms.GenerateDataKey(new GenerateDataKeyRequest
        {
            KeyId = "alias/hosted-app",
            KeySpec = DataKeySpec.AES_256,
            EncryptionContext = Context,
        }, ct: ct);
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var ciphertext = new byte[document.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using (var aes = new AesGcm(dataKey.Plaintext!, tag.Length))
            aes.Encrypt(nonce, document, ciphertext, tag);
        CryptographicOperations.ZeroMemory(dataKey.Plaintext); // keep only the wrapped copy
        return new Envelope(dataKey.CiphertextBlob!, nonce, ciphertext, tag);
    }

    private async Task<byte[]> Open(Envelope envelope, CancellationToken ct)
    {
        var dataKey = await kms.Decrypt(new DecryptRequest { CiphertextBlob = envelope.WrappedKey, EncryptionContext = Context }, ct: ct);
        var document = new byte[envelope.Ciphertext.Length];
        using (var aes = new AesGcm(dataKey.Plaintext!, envelope.Tag.Length))
            aes.Decrypt(envelope.Nonce, envelope.Ciphertext, envelope.Tag, document);
        CryptographicOperations.ZeroMemory(dataKey.Plaintext);
        return document;
    }

    private sealed record Envelope(byte[] WrappedKey, byte[] Nonce, byte[] Ciphertext, byte[] Tag);
}
