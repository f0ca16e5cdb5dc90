namespace KmsActors.Kms.Tests.Policy;

/// <summary>The policies of the evaluation matrix, after AWS's documented examples (KMS developer guide pages on key
/// policies, importing key material, condition keys and cross-account use).</summary>
internal static class EvaluationMatrixPolicies
{
    public const string Root = "arn:aws:iam::111122223333:root";
    public const string Alice = "arn:aws:iam::111122223333:user/Alice";
    public const string AdminSession = "arn:aws:sts::111122223333:assumed-role/KMSAdminRole/admin-session";
    public const string ExampleSession = "arn:aws:sts::111122223333:assumed-role/ExampleRole/app-session";
    public const string FinanceSession = "arn:aws:sts::111122223333:assumed-role/FinanceApp/i-0abc";
    public const string KeyImporterSession = "arn:aws:sts::111122223333:assumed-role/KeyImporter/import";
    public const string PermanentImporter = "arn:aws:iam::111122223333:role/PermanentImporter";
    public const string DateImporter = "arn:aws:iam::111122223333:role/DateImporter";
    public const string RootB = "arn:aws:iam::444455556666:root";
    public const string Bob = "arn:aws:iam::444455556666:user/Bob";
    public const string OtherKeyArn = "arn:aws:kms:us-east-1:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321";

    /// <summary>Key users only: no statement for the account, so IAM policies cannot add anything.</summary>
    public const string KeyUsersOnly = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ExampleRole"},
           "NotAction":["kms:ScheduleKeyDeletion","kms:PutKeyPolicy"],"Resource":"*"}]}
        """;

    /// <summary>Importing key material: GetParametersForImport, ImportKeyMaterial and DeleteImportedKeyMaterial with the
    /// condition keys of the BYOK pages (kms:WrappingAlgorithm, kms:WrappingKeySpec, kms:ExpirationModel, kms:ValidTo).</summary>
    public const string ByokKeyPolicy = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"WrappingParameters","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyImporter"},
           "Action":"kms:GetParametersForImport","Resource":"*",
           "Condition":{"StringEquals":{"kms:WrappingAlgorithm":"RSA_AES_KEY_WRAP_SHA_256","kms:WrappingKeySpec":"RSA_4096"}}},
          {"Sid":"ImportExpiringBefore2026","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyImporter"},
           "Action":"kms:ImportKeyMaterial","Resource":"*","Condition":{"NumericLessThanEquals":{"kms:ValidTo":"1767225600"}}},
          {"Sid":"ImportWithoutExpirationModel","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/PermanentImporter"},
           "Action":"kms:ImportKeyMaterial","Resource":"*","Condition":{"Null":{"kms:ExpirationModel":true}}},
          {"Sid":"ImportExpiringBeforeDate","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/DateImporter"},
           "Action":"kms:ImportKeyMaterial","Resource":"*","Condition":{"DateLessThanEquals":{"kms:ValidTo":"2026-01-01T00:00:00Z"}}},
          {"Sid":"DeleteMaterial","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyImporter"},
           "Action":"kms:DeleteImportedKeyMaterial","Resource":"*"}]}
        """;

    public const string CreateExternalKeyIdentity = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateKey","Resource":"*",
          "Condition":{"StringEquals":{"kms:KeyOrigin":"EXTERNAL"}}}]}
        """;

    public const string RequestAliasIdentity = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:111122223333:key/*",
          "Condition":{"StringEquals":{"kms:RequestAlias":"alias/finance-key"}}}]}
        """;

    public const string ResourceAliasesIdentity = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt"],"Resource":"arn:aws:kms:*:111122223333:key/*",
          "Condition":{"ForAnyValue:StringEquals":{"kms:ResourceAliases":"alias/finance-key"}}}]}
        """;

    public const string ResourceTagIdentity = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*",
          "Condition":{"StringEquals":{"aws:ResourceTag/Project":"Alpha"}}}]}
        """;

    public const string EncryptionContextKeysIdentity = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*",
          "Condition":{"ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":"Project"}}}]}
        """;

    public const string DenyDecryptToEveryone = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
          {"Sid":"NoDecrypt","Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}
        """;

    public const string OnlyAdminsDelete = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
          {"Sid":"OnlyAdminsDelete","Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:role/KMSAdminRole","arn:aws:iam::111122223333:root"]},
           "Action":"kms:ScheduleKeyDeletion","Resource":"*"}]}
        """;

    public const string AllowsAccountB = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
          {"Sid":"Allow an external account to use this KMS key","Effect":"Allow","Principal":{"AWS":"444455556666"},
           "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*"}]}
        """;

    public const string AllowsBob = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
          {"Sid":"Bob","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:user/Bob"},"Action":"kms:Encrypt","Resource":"*"}]}
        """;

    public const string AllowsDynamoDb = """
        {"Version":"2012-10-17","Statement":[
          {"Sid":"Service","Effect":"Allow","Principal":{"Service":"dynamodb.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}]}
        """;

    public const string NotResourceIdentity = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*",
          "NotResource":"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}]}
        """;

    public const string IdentityDeniesDecrypt = """
        {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"},
          {"Sid":"NoDecrypt","Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}
        """;
}
