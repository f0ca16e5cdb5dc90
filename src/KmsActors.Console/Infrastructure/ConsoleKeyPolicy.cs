using System.Text;
using System.Text.Json;
using KmsActors.Kms.Model;

namespace KmsActors.Console.Infrastructure;

/// <summary>
/// The key policy the create-key wizard writes, as AWS's console writes it (docs/console.md, "Create key"): the
/// "Enable IAM User Permissions" statement for the account root, then "Allow access for Key Administrators", then the key
/// users' statements for the key's usage ("Allow use of the key", and for symmetric encryption keys "Allow attachment of
/// persistent resources"). Statements with nobody in them are left out, as the console leaves them out.
/// </summary>
public sealed record ConsoleKeyPolicy(
    string AccountId,
    IReadOnlyList<string> Administrators,
    IReadOnlyList<string> Users,
    bool AdministratorsMayDelete,
    KeySpec KeySpec,
    KeyUsageType KeyUsage,
    OriginType Origin,
    bool MultiRegion)
{
    /// <summary>The Id AWS's console gives the policies it writes.</summary>
    public const string PolicyId = "key-consolepolicy-3";

    /// <summary>The key administrators' actions: the console's list, with deletion only when "Allow key administrators
    /// to delete this key" is checked, on-demand rotation for symmetric encryption keys, replication for multi-Region keys
    /// and the import permissions for keys with imported (EXTERNAL) material.</summary>
    public IReadOnlyList<string> AdministratorActions()
    {
        var actions = new List<string>
        {
            "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
            "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource",
        };
        if (AdministratorsMayDelete)
            actions.AddRange(["kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]);
        if (KeySpec == KeySpec.SYMMETRIC_DEFAULT)
            actions.Add("kms:RotateKeyOnDemand");
        if (MultiRegion)
            actions.AddRange(["kms:ReplicateKey", "kms:UpdatePrimaryRegion"]);
        if (Origin == OriginType.EXTERNAL)
            actions.AddRange(["kms:ImportKeyMaterial", "kms:DeleteImportedKeyMaterial"]);
        return actions;
    }

    /// <summary>The key users' actions for the key's usage, as the console grants them.</summary>
    public IReadOnlyList<string> UserActions() => (KeyUsage, KeySpec) switch
    {
        (KeyUsageType.ENCRYPT_DECRYPT, KeySpec.SYMMETRIC_DEFAULT) =>
            ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
        (KeyUsageType.ENCRYPT_DECRYPT, _) => ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:DescribeKey", "kms:GetPublicKey"],
        (KeyUsageType.SIGN_VERIFY, _) => ["kms:DescribeKey", "kms:GetPublicKey", "kms:Sign", "kms:Verify"],
        (KeyUsageType.GENERATE_VERIFY_MAC, _) => ["kms:DescribeKey", "kms:GenerateMac", "kms:VerifyMac"],
        (KeyUsageType.KEY_AGREEMENT, _) => ["kms:DescribeKey", "kms:GetPublicKey", "kms:DeriveSharedSecret"],
        _ => ["kms:DescribeKey"],
    };

    /// <summary>The policy document, indented as the console's policy view shows it.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("Version", "2012-10-17");
            json.WriteString("Id", PolicyId);
            json.WriteStartArray("Statement");
            Statement(json, "Enable IAM User Permissions", [$"arn:aws:iam::{AccountId}:root"], ["kms:*"], single: true);
            if (Administrators.Count > 0)
                Statement(json, "Allow access for Key Administrators", Administrators, AdministratorActions());
            if (Users.Count > 0)
            {
                Statement(json, "Allow use of the key", Users, UserActions());
                // Grants for AWS services (EBS, RDS, …) integrate only with symmetric encryption keys.
                if (KeySpec == KeySpec.SYMMETRIC_DEFAULT && KeyUsage == KeyUsageType.ENCRYPT_DECRYPT)
                    Statement(json, "Allow attachment of persistent resources", Users, ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
                        grantForAwsResource: true);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Principal ARNs typed one per line (or separated by commas), blanks and repeats dropped.</summary>
    public static IReadOnlyList<string> ParsePrincipals(string? typed) =>
        (typed ?? "").Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    private static void Statement(Utf8JsonWriter json, string sid, IReadOnlyList<string> principals, IReadOnlyList<string> actions,
        bool single = false, bool grantForAwsResource = false)
    {
        json.WriteStartObject();
        json.WriteString("Sid", sid);
        json.WriteString("Effect", "Allow");
        json.WriteStartObject("Principal");
        if (single)
            json.WriteString("AWS", principals[0]);
        else
            WriteList(json, "AWS", principals);
        json.WriteEndObject();
        if (actions.Count == 1)
            json.WriteString("Action", actions[0]);
        else
            WriteList(json, "Action", actions);
        json.WriteString("Resource", "*");
        if (grantForAwsResource)
        {
            json.WriteStartObject("Condition");
            json.WriteStartObject("Bool");
            json.WriteString("kms:GrantIsForAWSResource", "true");
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
