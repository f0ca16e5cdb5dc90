namespace KmsActors.Kms.Tests.Policy;

/// <summary>
/// Policies from AWS's KMS developer guide (default key policy, the console's default key policy) and a realistic
/// 10-statement key policy with conditions, for tests and for the integrator's benchmarks to copy.
/// </summary>
public static class SamplePolicies
{
    public const string AccountA = "111122223333";
    public const string AccountB = "444455556666";
    public const string KeyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    /// <summary>The key policy CreateKey gives a key when the request has none (KMS developer guide, "Default key policy").</summary>
    public const string DefaultKeyPolicy =
        """{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}""";

    /// <summary>The console's default key policy with key administrators (role KMSAdminRole) and key users (role ExampleRole).</summary>
    public const string ConsoleDefaultKeyPolicy = """
        {
          "Id": "key-consolepolicy-3",
          "Version": "2012-10-17",
          "Statement": [
            {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
            {"Sid": "Allow access for Key Administrators", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/KMSAdminRole"},
             "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*",
                        "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
                        "kms:RotateKeyOnDemand"],
             "Resource": "*"},
            {"Sid": "Allow use of the key", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ExampleRole"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*"},
            {"Sid": "Allow attachment of persistent resources", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ExampleRole"},
             "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*",
             "Condition": {"Bool": {"kms:GrantIsForAWSResource": "true"}}}
          ]
        }
        """;

    /// <summary>A realistic 10-statement key policy with conditions (administrators, users by encryption context and
    /// service, imported material, cross-account use, denies): the "10 statements with conditions" benchmark case.</summary>
    public const string TenStatementPolicy = """
        {
          "Version": "2012-10-17",
          "Id": "key-ten-statements",
          "Statement": [
            {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"},
            {"Sid": "KeyAdministrators", "Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::111122223333:role/KMSAdminRole", "arn:aws:iam::111122223333:user/KMSAdminUser"]},
             "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
             "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}},
            {"Sid": "UseForFinance", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/FinanceApp"},
             "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"], "Resource": "*",
             "Condition": {"StringEquals": {"kms:EncryptionContext:Department": "Finance"}, "ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["Department", "Project"]}}},
            {"Sid": "UseViaS3", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*",
             "Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "s3.us-east-1.amazonaws.com"}}},
            {"Sid": "GrantsForAwsResources", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ExampleRole"},
             "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*", "Condition": {"Bool": {"kms:GrantIsForAWSResource": true}}},
            {"Sid": "ImportMaterial", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/KeyImporter"}, "Action": "kms:ImportKeyMaterial", "Resource": "*",
             "Condition": {"StringEquals": {"kms:ExpirationModel": "KEY_MATERIAL_EXPIRES"}, "NumericLessThanEquals": {"kms:ValidTo": "1767225600"}}},
            {"Sid": "WrappingParameters", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/KeyImporter"}, "Action": "kms:GetParametersForImport", "Resource": "*",
             "Condition": {"StringEquals": {"kms:WrappingAlgorithm": "RSA_AES_KEY_WRAP_SHA_256", "kms:WrappingKeySpec": "RSA_4096"}}},
            {"Sid": "CrossAccountUse", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": ["kms:Encrypt", "kms:Decrypt", "kms:DescribeKey"], "Resource": "*",
             "Condition": {"StringLike": {"kms:EncryptionContext:Tenant": "tenant-*"}}},
            {"Sid": "DenyOutsideBusinessEnd", "Effect": "Deny", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
             "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}}},
            {"Sid": "DenyDeletionWithoutMfa", "Effect": "Deny", "Principal": {"AWS": "*"}, "Action": ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"], "Resource": "*",
             "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}
          ]
        }
        """;
}
