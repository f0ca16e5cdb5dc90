using System.Diagnostics;
using KmsActors.Kms.Policy;

namespace KmsActors.Benchmarks.Kms;

/// <summary>authz.eval: one evaluation of a 10-statement key policy with conditions (key administrators, key users
/// limited by encryption context and caller account, the BYOK import statements, a Deny) for an Encrypt request of an
/// IAM role, as the engine evaluates a policy whose decision depends on the request (not cached).</summary>
public static class AuthorizationMeasurements
{
    public const string Account = "111122223333";

    public const string TenStatementPolicy = """
        {
          "Version": "2012-10-17",
          "Id": "key-consolepolicy-3",
          "Statement": [
            { "Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:root" }, "Action": "kms:*", "Resource": "*" },
            { "Sid": "Allow access for Key Administrators", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/KeyAdmin" },
              "Action": ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"],
              "Resource": "*" },
            { "Sid": "Allow import for Key Administrators", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/KeyAdmin" },
              "Action": ["kms:ImportKeyMaterial", "kms:DeleteImportedKeyMaterial"], "Resource": "*",
              "Condition": { "StringEquals": { "kms:ExpirationModel": "KEY_MATERIAL_EXPIRES" }, "NumericLessThanEquals": { "kms:ValidTo": "1798761599" } } },
            { "Sid": "Wrapping only with strong keys", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/KeyAdmin" },
              "Action": "kms:GetParametersForImport", "Resource": "*",
              "Condition": { "StringEquals": { "kms:WrappingAlgorithm": "RSA_AES_KEY_WRAP_SHA_256", "kms:WrappingKeySpec": "RSA_4096" } } },
            { "Sid": "Allow use of the key", "Effect": "Allow", "Principal": { "AWS": ["arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:role/batch"] },
              "Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"], "Resource": "*",
              "Condition": { "StringEquals": { "kms:CallerAccount": "111122223333" }, "StringLike": { "kms:EncryptionContext:tenant": "tenant-*" } } },
            { "Sid": "Allow attachment of persistent resources", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/app" },
              "Action": ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], "Resource": "*",
              "Condition": { "Bool": { "kms:GrantIsForAWSResource": "true" } } },
            { "Sid": "Only with these context keys", "Effect": "Deny", "Principal": "*", "Action": "kms:Encrypt", "Resource": "*",
              "Condition": { "ForAnyValue:StringNotEquals": { "kms:EncryptionContextKeys": ["tenant", "purpose"] } } },
            { "Sid": "No plain HTTP from elsewhere", "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*",
              "Condition": { "NotIpAddressIfExists": { "aws:SourceIp": ["127.0.0.0/8", "10.0.0.0/8"] } } },
            { "Sid": "Auditors read", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/auditor" }, "Action": ["kms:Describe*", "kms:Get*", "kms:List*"], "Resource": "*" },
            { "Sid": "Batch decrypts from this account until 2030", "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::111122223333:role/batch" }, "Action": "kms:Decrypt", "Resource": "*",
              "Condition": { "StringEquals": { "aws:PrincipalAccount": "111122223333" }, "DateLessThan": { "aws:CurrentTime": "2030-01-01T00:00:00Z" } } }
          ]
        }
        """;

    /// <summary>Nanoseconds per evaluation (single thread, after warm-up).</summary>
    public static double NanosecondsPerEvaluation()
    {
        var policy = PolicyDocument.Parse(TenStatementPolicy, PolicyKind.KeyPolicy);
        var request = new AuthorizationRequest
        {
            Principal = PrincipalInfo.FromArn("arn:aws:iam::111122223333:role/app"),
            Action = "kms:Encrypt",
            Resource = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            ResourceAccount = Account,
            Context = new ConditionContext(new Dictionary<string, ConditionValues>
            {
                ["kms:CallerAccount"] = ConditionValues.Single(Account),
                ["kms:EncryptionContext:tenant"] = ConditionValues.Single("tenant-42"),
                ["kms:EncryptionContextKeys"] = ConditionValues.Multi(["tenant"]),
                ["kms:EncryptionAlgorithm"] = ConditionValues.Single("SYMMETRIC_DEFAULT"),
                ["aws:SourceIp"] = ConditionValues.Single("127.0.0.1"),
                ["aws:CurrentTime"] = ConditionValues.Single("2026-12-05T12:00:00Z"),
                ["aws:PrincipalArn"] = ConditionValues.Single("arn:aws:iam::111122223333:role/app"),
                ["aws:PrincipalAccount"] = ConditionValues.Single(Account),
            }),
        };
        if (!PolicyEvaluator.Evaluate(request, policy, [], allowedByGrant: false).IsAllowed)
            throw new InvalidOperationException("The benchmark's request must be allowed, or it measures a refusal.");
        const int iterations = 200_000;
        for (var i = 0; i < iterations; i++)
            PolicyEvaluator.Evaluate(request, policy, [], allowedByGrant: false);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < iterations * 5; i++)
            PolicyEvaluator.Evaluate(request, policy, [], allowedByGrant: false);
        return watch.Elapsed.TotalNanoseconds / (iterations * 5);
    }
}
