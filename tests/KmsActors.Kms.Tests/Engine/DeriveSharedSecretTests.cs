using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Model;
using Org.BouncyCastle.Crypto.Agreement;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace KmsActors.Kms.Tests.Engine;

/// <summary>DeriveSharedSecret through the engine (docs/derive-shared-secret.md): KEY_AGREEMENT keys, generated or
/// imported, agree on the same raw secret as the peer computes on its side; the key's metadata shows ECDH; the audit
/// record is a read-only CloudTrail event without the secret.</summary>
public sealed class DeriveSharedSecretTests : EngineTestBase
{
    private const string China = "cn-north-1";

    private async Task<KeyMetadata> AgreementKey(KeySpec spec, string? region = null) =>
        (await Engine.CreateKey(new CreateKeyRequest { KeySpec = spec, KeyUsage = KeyUsageType.KEY_AGREEMENT }, region: region)).KeyMetadata!;

    private async Task<byte[]> PublicKeyOf(string keyId, string? region = null) =>
        (await Engine.GetPublicKey(new GetPublicKeyRequest { KeyId = keyId }, region: region)).PublicKey!;

    private Task<DeriveSharedSecretResponse> Derive(string keyId, byte[] peerPublicKey, string? region = null) =>
        Engine.DeriveSharedSecret(new DeriveSharedSecretRequest { KeyId = keyId, KeyAgreementAlgorithm = KeyAgreementAlgorithmSpec.ECDH, PublicKey = peerPublicKey }, region: region);

    /// <summary>What the peer computes with its own private key and the KMS key's public key.</summary>
    private static byte[] PeerSide(ECDiffieHellman peer, byte[] kmsPublicKey)
    {
        using var kms = ECDiffieHellman.Create();
        kms.ImportSubjectPublicKeyInfo(kmsPublicKey, out _);
        return peer.DeriveRawSecretAgreement(kms.PublicKey);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256, 32)]
    [InlineData(KeySpec.ECC_NIST_P384, 48)]
    [InlineData(KeySpec.ECC_NIST_P521, 66)]
    public async Task a_generated_key_derives_the_secret_the_peer_derives_with_dotnet_ecdh(KeySpec spec, int secretBytes)
    {
        var key = await AgreementKey(spec);
        using var peer = ECDiffieHellman.Create(EcCurve.ForSpec(spec)!.DotNetCurve);

        var response = await Derive(key.KeyId!, peer.ExportSubjectPublicKeyInfo());

        Assert.Equal(secretBytes, response.SharedSecret!.Length);
        Assert.Equal(PeerSide(peer, await PublicKeyOf(key.KeyId!)), response.SharedSecret);
        Assert.Equal((key.Arn, KeyAgreementAlgorithmSpec.ECDH, OriginType.AWS_KMS, (byte[]?)null),
            (response.KeyId, response.KeyAgreementAlgorithm, response.KeyOrigin, response.CiphertextForRecipient));
    }

    [Fact]
    public async Task two_kms_keys_agree_with_each_other()
    {
        var alice = await AgreementKey(KeySpec.ECC_NIST_P256);
        var bob = await AgreementKey(KeySpec.ECC_NIST_P256);

        var atAlice = await Derive(alice.Arn!, await PublicKeyOf(bob.KeyId!));
        var atBob = await Derive(bob.KeyId!, await PublicKeyOf(alice.KeyId!));

        Assert.Equal(atAlice.SharedSecret, atBob.SharedSecret);
        Assert.Equal(alice.Arn, atAlice.KeyId);
    }

    [Theory]
    [InlineData(KeySpec.ECC_NIST_P256)]
    [InlineData(KeySpec.ECC_NIST_P384)]
    [InlineData(KeySpec.ECC_NIST_P521)]
    public async Task imported_pkcs8_material_derives_with_the_imported_private_key(KeySpec spec)
    {
        var (key, material) = await ImportedKey(spec, KeyUsageType.KEY_AGREEMENT);
        using var imported = ECDiffieHellman.Create();
        imported.ImportPkcs8PrivateKey(material, out _);
        using var peer = ECDiffieHellman.Create(EcCurve.ForSpec(spec)!.DotNetCurve);

        var response = await Derive(key.KeyId!, peer.ExportSubjectPublicKeyInfo());

        Assert.Equal(imported.DeriveRawSecretAgreement(peer.PublicKey), response.SharedSecret);
        Assert.Equal(OriginType.EXTERNAL, response.KeyOrigin);
    }

    [Fact]
    public async Task an_sm2_key_in_a_china_region_derives_the_secret_bouncycastle_derives_on_the_peers_side()
    {
        var key = await AgreementKey(KeySpec.SM2, China);
        var peerD = new BcBigInteger(256, new SecureRandom()).Mod(Sm2Curve.Domain.N.Subtract(BcBigInteger.One)).Add(BcBigInteger.One);
        var peerSpki = EcPrivateKey.WriteSubjectPublicKeyInfo(EcCurve.Sm2Oid, Sm2Curve.PublicPoint(peerD).GetEncoded(false));

        var response = await Derive(key.KeyId!, peerSpki, China);

        var agreement = new ECDHBasicAgreement();
        agreement.Init(new ECPrivateKeyParameters(peerD, Sm2Curve.Domain));
        var kmsPoint = Sm2Curve.Domain.Curve.DecodePoint(SubjectPublicKeyBits(await PublicKeyOf(key.KeyId!, China)));
        var expected = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, agreement.CalculateAgreement(new ECPublicKeyParameters(kmsPoint, Sm2Curve.Domain)));
        Assert.Equal(expected, response.SharedSecret);
        Assert.StartsWith("arn:aws-cn:kms:cn-north-1:", response.KeyId);
    }

    [Fact]
    public async Task get_public_key_and_describe_key_show_ecdh_and_no_encryption_or_signing_algorithms()
    {
        var key = await AgreementKey(KeySpec.ECC_NIST_P384);

        var publicKey = await Engine.GetPublicKey(new GetPublicKeyRequest { KeyId = key.KeyId });
        var metadata = await Describe(key.KeyId!);

        Assert.Equal((KeyUsageType.KEY_AGREEMENT, KeySpec.ECC_NIST_P384), (publicKey.KeyUsage, publicKey.KeySpec));
        Assert.Equal([KeyAgreementAlgorithmSpec.ECDH], publicKey.KeyAgreementAlgorithms);
        Assert.Null(publicKey.EncryptionAlgorithms);
        Assert.Null(publicKey.SigningAlgorithms);
        Assert.Equal([KeyAgreementAlgorithmSpec.ECDH], metadata.KeyAgreementAlgorithms);
        Assert.Null(metadata.EncryptionAlgorithms);
        Assert.Null(metadata.SigningAlgorithms);
        Assert.Null(metadata.MacAlgorithms);
    }

    [Fact]
    public async Task the_audit_record_is_read_only_and_never_holds_the_secret_or_the_public_key()
    {
        var key = await AgreementKey(KeySpec.ECC_NIST_P256);
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

        await Derive(key.KeyId!, peer.ExportSubjectPublicKeyInfo());

        var record = await SingleAudit("DeriveSharedSecret");
        Assert.Null(record.ErrorCode);
        Assert.True(record.ReadOnly);
        Assert.Null(record.ResponseElements);
        Assert.Equal(["keyAgreementAlgorithm", "keyId"], record.RequestParameters!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ECDH", record.RequestParameters["keyAgreementAlgorithm"]);
        Assert.Equal(key.Arn, Assert.Single(record.Resources).Arn);
    }

    private static byte[] SubjectPublicKeyBits(byte[] spki)
    {
        var reader = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
        reader.ReadSequence();
        return reader.ReadBitString(out _);
    }
}
