using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.KeyStateTableTests.Kind;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>
/// The AWS key-state × operation table (docs/key-states.md, with our choices from docs/byok.md), one row per operation and
/// key kind, one column per key state. Each cell is the exact outcome: OK, or "ErrorCode: message".
/// </summary>
public sealed class KeyStateTableTests
{
    public enum Kind { SymmetricExternal, SymmetricAwsKms, RsaSignExternal, RsaEncryptExternal, HmacExternal, EccAgreementExternal }

    private const string OK = "OK";
    private const string NA = "N/A"; // the state cannot occur for this key kind
    private const string DIS = "DisabledException: {arn} is disabled.";
    private const string PDEL = "KMSInvalidStateException: {arn} is pending deletion.";
    private const string PIMP = "KMSInvalidStateException: {arn} is pending import.";
    private const string NPDEL = "KMSInvalidStateException: {arn} is not pending deletion.";
    private const string ORIGIN_AWS_KMS = "UnsupportedOperationException: {arn} origin is AWS_KMS which is not valid for this operation.";
    private const string ORIGIN_EXTERNAL = "UnsupportedOperationException: {arn} origin is EXTERNAL which is not valid for this operation.";
    private const string NO_PENDING = "KMSInvalidStateException: No available key material pending rotation for the key: {arn}.";
    private const string USAGE = "InvalidKeyUsageException: {arn} key usage is {usage} which is not valid for {op}.";
    private const string SPEC = "InvalidKeyUsageException: {arn} key spec is {spec} which is not valid for {op}.";
    private const string SPEC_UNSUPPORTED = "UnsupportedOperationException: {arn} key spec is {spec} which is not valid for {op}.";
    private const string NOT_ROTATABLE = "UnsupportedOperationException: {arn} key spec is {spec} which is not valid for this operation.";
    private const string UNSUPPORTED_NO_MESSAGE = "UnsupportedOperationException"; // AWS sends no message member
    private const string INCORRECT_KEY = "IncorrectKeyException: The key ID in the request does not identify a CMK that can perform this operation.";

    private static readonly string[] Crypto = ["Encrypt", "Decrypt", "ReEncrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext"];

    private static IEnumerable<(string Op, Kind Kind, string Enabled, string Disabled, string PendingDeletion, string PendingImport)> Rows()
    {
        //      operation                    key kind              Enabled      Disabled     PendingDeletion  PendingImport
        yield return ("CancelKeyDeletion",          SymmetricExternal, NPDEL,           NPDEL,           OK,              NPDEL);
        yield return ("DescribeKey",                SymmetricExternal, OK,              OK,              OK,              OK);
        yield return ("DeleteImportedKeyMaterial",  SymmetricExternal, OK,              OK,              OK,              OK);
        yield return ("DisableKey",                 SymmetricExternal, OK,              OK,              PDEL,            PIMP);
        yield return ("EnableKey",                  SymmetricExternal, OK,              OK,              PDEL,            PIMP);
        yield return ("EnableKeyRotation",          SymmetricExternal, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL);
        yield return ("DisableKeyRotation",         SymmetricExternal, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL);
        yield return ("GetKeyRotationStatus",       SymmetricExternal, OK,              OK,              OK,              OK);
        yield return ("ListKeyRotations",           SymmetricExternal, OK,              OK,              OK,              OK);
        yield return ("RotateKeyOnDemand",          SymmetricExternal, NO_PENDING,      DIS,             PDEL,            PIMP);
        yield return ("GetParametersForImport",     SymmetricExternal, OK,              OK,              PDEL,            OK);
        yield return ("ImportKeyMaterial",          SymmetricExternal, OK,              OK,              PDEL,            OK);
        yield return ("ScheduleKeyDeletion",        SymmetricExternal, OK,              OK,              PDEL,            OK);
        yield return ("TagResource",                SymmetricExternal, OK,              OK,              PDEL,            OK);
        yield return ("UntagResource",              SymmetricExternal, OK,              OK,              PDEL,            OK);
        yield return ("UpdateKeyDescription",       SymmetricExternal, OK,              OK,              PDEL,            OK);
        yield return ("ListResourceTags",           SymmetricExternal, OK,              OK,              OK,              OK);
        yield return ("GetKeyPolicy",               SymmetricExternal, OK,              OK,              OK,              OK);
        yield return ("PutKeyPolicy",               SymmetricExternal, OK,              OK,              OK,              OK);
        yield return ("ListKeyPolicies",            SymmetricExternal, OK,              OK,              OK,              OK);
        foreach (var op in Crypto)
            yield return (op,                       SymmetricExternal, OK,              DIS,             PDEL,            PIMP);
        yield return ("Sign",                       SymmetricExternal, USAGE,           DIS,             PDEL,            PIMP);
        yield return ("GenerateMac",                SymmetricExternal, USAGE,           DIS,             PDEL,            PIMP);
        yield return ("GetPublicKey",               SymmetricExternal, SPEC_UNSUPPORTED, DIS,            PDEL,            PIMP);

        yield return ("CancelKeyDeletion",          SymmetricAwsKms,   NPDEL,           NPDEL,           OK,              NA);
        yield return ("DisableKey",                 SymmetricAwsKms,   OK,              OK,              PDEL,            NA);
        yield return ("EnableKey",                  SymmetricAwsKms,   OK,              OK,              PDEL,            NA);
        yield return ("DeleteImportedKeyMaterial",  SymmetricAwsKms,   ORIGIN_AWS_KMS,  ORIGIN_AWS_KMS,  ORIGIN_AWS_KMS,  NA);
        yield return ("GetParametersForImport",     SymmetricAwsKms,   ORIGIN_AWS_KMS,  ORIGIN_AWS_KMS,  ORIGIN_AWS_KMS,  NA);
        yield return ("ImportKeyMaterial",          SymmetricAwsKms,   ORIGIN_AWS_KMS,  ORIGIN_AWS_KMS,  ORIGIN_AWS_KMS,  NA);
        yield return ("EnableKeyRotation",          SymmetricAwsKms,   OK,              DIS,             PDEL,            NA);
        yield return ("DisableKeyRotation",         SymmetricAwsKms,   OK,              DIS,             PDEL,            NA);
        yield return ("GetKeyRotationStatus",       SymmetricAwsKms,   OK,              OK,              OK,              NA);
        yield return ("RotateKeyOnDemand",          SymmetricAwsKms,   OK,              DIS,             PDEL,            NA);
        yield return ("ScheduleKeyDeletion",        SymmetricAwsKms,   OK,              OK,              PDEL,            NA);
        yield return ("Encrypt",                    SymmetricAwsKms,   OK,              DIS,             PDEL,            NA);

        yield return ("Sign",                       RsaSignExternal,   OK,              DIS,             PDEL,            PIMP);
        yield return ("Verify",                     RsaSignExternal,   OK,              DIS,             PDEL,            PIMP);
        yield return ("GetPublicKey",               RsaSignExternal,   OK,              DIS,             PDEL,            PIMP);
        yield return ("Encrypt",                    RsaSignExternal,   USAGE,           DIS,             PDEL,            PIMP);
        yield return ("ImportKeyMaterial",          RsaSignExternal,   OK,              OK,              PDEL,            OK);
        yield return ("DeleteImportedKeyMaterial",  RsaSignExternal,   OK,              OK,              OK,              OK);
        // AWS checks the state before the spec (docs/check-order.md).
        yield return ("RotateKeyOnDemand",          RsaSignExternal,   UNSUPPORTED_NO_MESSAGE, DIS,      PDEL,            PIMP);
        yield return ("ListKeyRotations",           RsaSignExternal,   NOT_ROTATABLE,   NOT_ROTATABLE,   NOT_ROTATABLE,   NOT_ROTATABLE);
        yield return ("GetKeyRotationStatus",       RsaSignExternal,   NOT_ROTATABLE,   NOT_ROTATABLE,   NOT_ROTATABLE,   NOT_ROTATABLE);

        yield return ("Encrypt",                    RsaEncryptExternal, OK,             DIS,             PDEL,            PIMP);
        yield return ("Decrypt",                    RsaEncryptExternal, OK,             DIS,             PDEL,            PIMP);
        yield return ("GetPublicKey",               RsaEncryptExternal, OK,             DIS,             PDEL,            PIMP);
        yield return ("GenerateDataKey",            RsaEncryptExternal, SPEC,           DIS,             PDEL,            PIMP);
        yield return ("GenerateDataKeyPair",        RsaEncryptExternal, SPEC,           DIS,             PDEL,            PIMP);

        yield return ("GenerateMac",                HmacExternal,      OK,              DIS,             PDEL,            PIMP);
        yield return ("VerifyMac",                  HmacExternal,      OK,              DIS,             PDEL,            PIMP);
        yield return ("Encrypt",                    HmacExternal,      USAGE,           DIS,             PDEL,            PIMP);
        yield return ("Decrypt",                    HmacExternal,      INCORRECT_KEY,   DIS,             PDEL,            PIMP);
        yield return ("ReEncrypt",                  HmacExternal,      INCORRECT_KEY,   DIS,             PDEL,            PIMP);
        yield return ("GetPublicKey",               HmacExternal,      SPEC_UNSUPPORTED, DIS,            PDEL,            PIMP);
        yield return ("ImportKeyMaterial",          HmacExternal,      OK,              OK,              PDEL,            OK);
        yield return ("EnableKeyRotation",          HmacExternal,      ORIGIN_EXTERNAL, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL, ORIGIN_EXTERNAL);

        yield return ("DeriveSharedSecret",         EccAgreementExternal, OK,           DIS,             PDEL,            PIMP);
        yield return ("Sign",                       EccAgreementExternal, USAGE,        DIS,             PDEL,            PIMP);
    }

    public static IEnumerable<object[]> Cells() =>
        from row in Rows()
        from cell in new[] { (KeyState.Enabled, row.Enabled), (KeyState.Disabled, row.Disabled), (KeyState.PendingDeletion, row.PendingDeletion), (KeyState.PendingImport, row.PendingImport) }
        where cell.Item2 != NA
        select new object[] { row.Op, row.Kind, cell.Item1, cell.Item2 };

    [Theory]
    [MemberData(nameof(Cells))]
    public void an_operation_in_a_key_state_has_the_outcome_of_the_aws_key_state_table(string operation, Kind kind, KeyState state, string expected)
    {
        var key = Build(kind, state);
        Assert.Equal(state, key.State);
        var before = System.Text.Json.JsonSerializer.Serialize(KeyRules.Describe(key));
        expected = expected.Replace("{arn}", key.Arn).Replace("{op}", operation)
            .Replace("{usage}", key.KeyUsage.ToString()).Replace("{spec}", key.KeySpec.ToString());

        var outcome = Outcome(key, operation);

        Assert.Equal(expected, outcome);
        if (expected != OK)
            Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(KeyRules.Describe(key))); // a refusal decides no events: the key is exactly as it was
    }

    private static string Outcome(KmsKey key, string operation)
    {
        try
        {
            if (TableRequests.IsCrypto(operation))
            {
                KeyRules.CheckUsable(key, operation);
                return OK;
            }
            var context = TestKeys.Context(generated: TestKeys.Material(7), import: TestKeys.ValidImport(TestKeys.Material(1)));
            var decision = KeyRules.Decide(key, TableRequests.For(operation, key), context);
            _ = decision.Events.Aggregate(key, KeyRules.Apply); // the accepted events apply cleanly
            return OK;
        }
        catch (KmsException e)
        {
            return e.ErrorMessage is null ? e.ErrorCode : $"{e.ErrorCode}: {e.ErrorMessage}";
        }
    }

    private static KmsKey Build(Kind kind, KeyState state) => kind switch
    {
        SymmetricExternal => TestKeys.External(state),
        SymmetricAwsKms => TestKeys.AwsKms(state),
        RsaSignExternal => TestKeys.External(state, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY),
        RsaEncryptExternal => TestKeys.External(state, KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT),
        HmacExternal => TestKeys.External(state, KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC),
        EccAgreementExternal => TestKeys.External(state, KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
