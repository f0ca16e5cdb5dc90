using System.Text.Json;
using KmsActors.Console.Infrastructure;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Tests;

/// <summary>The key policy the create-key wizard writes (ConsoleKeyPolicy), checked as JSON: no browser, no server.</summary>
public sealed class ConsoleKeyPolicyTests
{
    private const string Admin = "arn:aws:iam::111122223333:role/KeyAdmin";
    private const string User = "arn:aws:iam::111122223333:role/App";

    private static ConsoleKeyPolicy Policy(OriginType origin = OriginType.AWS_KMS, KeySpec spec = KeySpec.SYMMETRIC_DEFAULT,
        KeyUsageType usage = KeyUsageType.ENCRYPT_DECRYPT, bool mayDelete = true, bool multiRegion = false, string[]? admins = null, string[]? users = null) =>
        new("111122223333", admins ?? [Admin], users ?? [User], mayDelete, spec, usage, origin, multiRegion);

    private static JsonElement Statement(string json, string sid) =>
        JsonDocument.Parse(json).RootElement.GetProperty("Statement").EnumerateArray().Single(s => s.GetProperty("Sid").GetString() == sid);

    private static string[] Actions(JsonElement statement) => statement.GetProperty("Action").ValueKind == JsonValueKind.String
        ? [statement.GetProperty("Action").GetString()!]
        : statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToArray();

    private static string[] Sids(string json) =>
        JsonDocument.Parse(json).RootElement.GetProperty("Statement").EnumerateArray().Select(s => s.GetProperty("Sid").GetString()!).ToArray();

    [Fact]
    public void the_policy_opens_with_the_root_statement_that_enables_iam_policies()
    {
        var json = Policy().ToJson();
        var root = Statement(json, "Enable IAM User Permissions");

        Assert.Equal("2012-10-17", JsonDocument.Parse(json).RootElement.GetProperty("Version").GetString());
        Assert.Equal("key-consolepolicy-3", JsonDocument.Parse(json).RootElement.GetProperty("Id").GetString());
        Assert.Equal("arn:aws:iam::111122223333:root", root.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(["kms:*"], Actions(root));
        Assert.Equal("*", root.GetProperty("Resource").GetString());
    }

    [Fact]
    public void administrators_of_an_external_key_get_the_import_permissions()
    {
        var admins = Statement(Policy(OriginType.EXTERNAL).ToJson(), "Allow access for Key Administrators");

        Assert.Equal([Admin], admins.GetProperty("Principal").GetProperty("AWS").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(
            ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*",
             "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:RotateKeyOnDemand",
             "kms:ImportKeyMaterial", "kms:DeleteImportedKeyMaterial"],
            Actions(admins));
    }

    [Fact]
    public void administrators_of_a_kms_key_get_no_import_permissions_and_no_deletion_when_it_is_not_allowed()
    {
        var actions = Actions(Statement(Policy(mayDelete: false).ToJson(), "Allow access for Key Administrators"));

        Assert.DoesNotContain("kms:ImportKeyMaterial", actions);
        Assert.DoesNotContain("kms:ScheduleKeyDeletion", actions);
        Assert.DoesNotContain("kms:CancelKeyDeletion", actions);
        Assert.Contains("kms:Delete*", actions);
    }

    [Fact]
    public void administrators_of_a_multi_region_key_may_replicate_it_and_move_its_primary()
    {
        var actions = Actions(Statement(Policy(multiRegion: true).ToJson(), "Allow access for Key Administrators"));

        Assert.Contains("kms:ReplicateKey", actions);
        Assert.Contains("kms:UpdatePrimaryRegion", actions);
    }

    [Fact]
    public void users_of_a_symmetric_encryption_key_may_use_it_and_attach_persistent_resources_for_aws_services()
    {
        var json = Policy().ToJson();
        var attachment = Statement(json, "Allow attachment of persistent resources");

        Assert.Equal(["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], Actions(Statement(json, "Allow use of the key")));
        Assert.Equal(["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], Actions(attachment));
        Assert.Equal("true", attachment.GetProperty("Condition").GetProperty("Bool").GetProperty("kms:GrantIsForAWSResource").GetString());
    }

    [Theory]
    [InlineData(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY, "kms:DescribeKey,kms:GetPublicKey,kms:Sign,kms:Verify")]
    [InlineData(KeySpec.RSA_3072, KeyUsageType.ENCRYPT_DECRYPT, "kms:Encrypt,kms:Decrypt,kms:ReEncrypt*,kms:DescribeKey,kms:GetPublicKey")]
    [InlineData(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC, "kms:DescribeKey,kms:GenerateMac,kms:VerifyMac")]
    [InlineData(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT, "kms:DescribeKey,kms:GetPublicKey,kms:DeriveSharedSecret")]
    public void users_of_asymmetric_and_hmac_keys_get_the_actions_of_the_key_usage_and_no_grant_statement(KeySpec spec, KeyUsageType usage, string expected)
    {
        var json = Policy(spec: spec, usage: usage).ToJson();

        Assert.Equal(expected.Split(','), Actions(Statement(json, "Allow use of the key")));
        Assert.DoesNotContain("Allow attachment of persistent resources", Sids(json));
        Assert.DoesNotContain("kms:RotateKeyOnDemand", Actions(Statement(json, "Allow access for Key Administrators")));
    }

    [Fact]
    public void statements_with_nobody_in_them_are_left_out()
    {
        Assert.Equal(["Enable IAM User Permissions"], Sids(Policy(admins: [], users: []).ToJson()));
    }

    [Fact]
    public void principals_are_read_one_per_line_or_comma_separated_without_blanks_or_repeats()
    {
        Assert.Equal([Admin, User], ConsoleKeyPolicy.ParsePrincipals($" {Admin}\r\n\r\n{User}, {Admin}\n"));
    }
}
