using System.Security.Cryptography;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>kms:KeyAgreementAlgorithm through the engine (docs/condition-keys.md, docs/derive-shared-secret.md): a key
/// policy statement conditioned on the request's KeyAgreementAlgorithm allows or denies DeriveSharedSecret.</summary>
public sealed class KeyAgreementConditionKeyTests() : ConditionKeyTestBase(Config)
{
    private static readonly string Agreer = Role("agreer");
    private static readonly string Allowed = Role("allowed-agreer");

    private static readonly string Config = Iam(
        (Agreer, null),
        (Allowed, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:DeriveSharedSecret","Resource":"*"}]}"""));

    private static readonly Lazy<byte[]> Peer = new(() =>
    {
        using var peer = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        return peer.ExportSubjectPublicKeyInfo();
    });

    private Task<KeyMetadata> AgreementKey(string statement) => NewKey(new CreateKeyRequest
    {
        KeySpec = KeySpec.ECC_NIST_P256,
        KeyUsage = KeyUsageType.KEY_AGREEMENT,
        Policy = KeyPolicy(statement),
    });

    /// <summary>A key policy statement: <paramref name="effect"/> kms:DeriveSharedSecret for <paramref name="principal"/>
    /// when kms:KeyAgreementAlgorithm equals <paramref name="algorithm"/>.</summary>
    private static string Statement(string sid, string effect, string principal, string algorithm) =>
        "{\"Sid\":\"" + sid + "\",\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":\"" + principal + "\"},\"Action\":\"kms:DeriveSharedSecret\","
        + "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"kms:KeyAgreementAlgorithm\":\"" + algorithm + "\"}}}";

    private Task<DeriveSharedSecretResponse> DeriveAs(string principal, string keyId) =>
        Engine.DeriveSharedSecret(new DeriveSharedSecretRequest { KeyId = keyId, KeyAgreementAlgorithm = KeyAgreementAlgorithmSpec.ECDH, PublicKey = Peer.Value }, As(principal));

    [Fact]
    public async Task a_key_policy_allowing_derive_shared_secret_for_ecdh_allows_an_ecdh_request()
    {
        var key = await AgreementKey(Statement("ECDH only", "Allow", Agreer, "ECDH"));

        var response = await DeriveAs(Agreer, key.KeyId!);

        Assert.Equal((key.Arn, 32), (response.KeyId, response.SharedSecret!.Length));
    }

    [Fact]
    public async Task a_key_policy_allowing_another_algorithm_only_does_not_allow_ecdh()
    {
        var key = await AgreementKey(Statement("Other only", "Allow", Agreer, "SM2_KEY_EXCHANGE"));

        await AssertRefused(() => DeriveAs(Agreer, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Agreer, "kms:DeriveSharedSecret", key.Arn!));
    }

    [Fact]
    public async Task a_key_policy_denying_ecdh_refuses_a_caller_its_identity_policy_allows()
    {
        var key = await AgreementKey(Statement("No ECDH", "Deny", Allowed, "ECDH"));

        await AssertRefused(() => DeriveAs(Allowed, key.KeyId!), "AccessDeniedException", ResourceDeny(Allowed, "kms:DeriveSharedSecret", key.Arn!));
        var record = await SingleAudit("DeriveSharedSecret");
        Assert.Equal("AccessDenied", record.ErrorCode);
    }
}
