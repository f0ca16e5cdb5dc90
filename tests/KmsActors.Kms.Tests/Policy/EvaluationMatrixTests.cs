using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.EvaluationMatrixPolicies;
using static KmsActors.Kms.Tests.Policy.PolicyTestKit;
using static KmsActors.Kms.Tests.Policy.SamplePolicies;

namespace KmsActors.Kms.Tests.Policy;

/// <summary>AWS's documented examples, each with the decision AWS gives (docs/access-control.md, "Evaluation").</summary>
public sealed class EvaluationMatrixTests
{
    private sealed record Row(string? KeyPolicy, string[] Identities, string Caller, string Action, string[] Context,
        AuthorizationOutcome Outcome, PolicyKind? DecidedBy, bool Grant = false, string Resource = KeyArn, string ResourceAccount = AccountA);

    private const AuthorizationOutcome Allow = AuthorizationOutcome.Allow;
    private const AuthorizationOutcome Implicit = AuthorizationOutcome.ImplicitDeny;
    private const AuthorizationOutcome Explicit = AuthorizationOutcome.ExplicitDeny;
    private const PolicyKind KeyP = PolicyKind.KeyPolicy;
    private const PolicyKind IdP = PolicyKind.IdentityPolicy;
    private static readonly string[] None = [];
    private static readonly string EncryptOnKey = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"{{KeyArn}}"}]}""";
    private static readonly string EncryptOnOtherKey = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"{{OtherKeyArn}}"}]}""";
    private const string AllKms = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}""";

    private static readonly Dictionary<string, Row> Rows = new()
    {
        // The default key policy: the root is allowed, other principals need an IAM policy.
        ["default_policy_allows_the_root"] = new(DefaultKeyPolicy, None, Root, "kms:Encrypt", None, Allow, null),
        ["default_policy_refuses_a_user_without_identity_policy"] = new(DefaultKeyPolicy, None, Alice, "kms:Encrypt", None, Implicit, IdP),
        ["default_policy_allows_a_user_with_identity_policy"] = new(DefaultKeyPolicy, [EncryptOnKey], Alice, "kms:Encrypt", None, Allow, null),
        ["identity_policy_for_another_key_does_not_allow"] = new(DefaultKeyPolicy, [EncryptOnOtherKey], Alice, "kms:Encrypt", None, Implicit, IdP),
        ["identity_policy_for_another_action_does_not_allow"] = new(DefaultKeyPolicy, [EncryptOnKey], Alice, "kms:Decrypt", None, Implicit, IdP),
        // The console's default policy: administrators and users by role; sessions of a role match the role's ARN.
        ["console_policy_allows_key_administrators_to_administer"] = new(ConsoleDefaultKeyPolicy, None, AdminSession, "kms:PutKeyPolicy", None, Allow, null),
        ["console_policy_lets_administrators_use_the_key_only_through_iam"] = new(ConsoleDefaultKeyPolicy, None, AdminSession, "kms:Encrypt", None, Implicit, IdP),
        ["console_policy_allows_key_users_to_encrypt"] = new(ConsoleDefaultKeyPolicy, None, ExampleSession, "kms:Encrypt", None, Allow, null),
        ["console_policy_allows_key_users_generate_data_key_pair_by_wildcard"] = new(ConsoleDefaultKeyPolicy, None, ExampleSession, "kms:GenerateDataKeyPair", None, Allow, null),
        ["console_policy_refuses_key_users_deletion"] = new(ConsoleDefaultKeyPolicy, None, ExampleSession, "kms:ScheduleKeyDeletion", None, Implicit, IdP),
        ["console_policy_allows_grants_for_aws_resources"] = new(ConsoleDefaultKeyPolicy, None, ExampleSession, "kms:CreateGrant", ["kms:GrantIsForAWSResource=true"], Allow, null),
        ["console_policy_refuses_grants_not_for_aws_resources"] = new(ConsoleDefaultKeyPolicy, None, ExampleSession, "kms:CreateGrant", ["kms:GrantIsForAWSResource=false"], Implicit, IdP),
        ["console_policy_refuses_grants_without_the_key"] = new(ConsoleDefaultKeyPolicy, None, ExampleSession, "kms:CreateGrant", None, Implicit, IdP),
        // Without a statement for the account, IAM policies add nothing ("no resource-based policy allows").
        ["key_users_only_policy_ignores_identity_policies"] = new(KeyUsersOnly, [AllKms], Alice, "kms:Encrypt", None, Implicit, KeyP),
        ["key_users_only_policy_refuses_the_root"] = new(KeyUsersOnly, None, Root, "kms:Encrypt", None, Implicit, KeyP),
        ["not_action_allows_actions_outside_the_list"] = new(KeyUsersOnly, None, ExampleSession, "kms:Decrypt", None, Allow, null),
        ["not_action_refuses_actions_in_the_list"] = new(KeyUsersOnly, None, ExampleSession, "kms:ScheduleKeyDeletion", None, Implicit, KeyP),
        // Importing key material (BYOK).
        ["create_key_with_external_origin_is_allowed"] = new(null, [CreateExternalKeyIdentity], Alice, "kms:CreateKey", ["kms:KeyOrigin=EXTERNAL"], Allow, null, Resource: "*"),
        ["create_key_with_aws_kms_origin_is_refused"] = new(null, [CreateExternalKeyIdentity], Alice, "kms:CreateKey", ["kms:KeyOrigin=AWS_KMS"], Implicit, IdP, Resource: "*"),
        ["root_creates_keys_without_identity_policy"] = new(null, None, Root, "kms:CreateKey", None, Allow, null, Resource: "*"),
        ["wrapping_parameters_of_the_policy_are_allowed"] = new(ByokKeyPolicy, None, KeyImporterSession, "kms:GetParametersForImport", ["kms:WrappingAlgorithm=RSA_AES_KEY_WRAP_SHA_256", "kms:WrappingKeySpec=RSA_4096"], Allow, null),
        ["other_wrapping_algorithm_is_refused"] = new(ByokKeyPolicy, None, KeyImporterSession, "kms:GetParametersForImport", ["kms:WrappingAlgorithm=RSAES_OAEP_SHA_1", "kms:WrappingKeySpec=RSA_4096"], Implicit, KeyP),
        ["other_wrapping_key_spec_is_refused"] = new(ByokKeyPolicy, None, KeyImporterSession, "kms:GetParametersForImport", ["kms:WrappingAlgorithm=RSA_AES_KEY_WRAP_SHA_256", "kms:WrappingKeySpec=RSA_2048"], Implicit, KeyP),
        ["import_expiring_before_the_limit_is_allowed"] = new(ByokKeyPolicy, None, KeyImporterSession, "kms:ImportKeyMaterial", ["kms:ExpirationModel=KEY_MATERIAL_EXPIRES", "kms:ValidTo=1767225000"], Allow, null),
        ["import_expiring_after_the_limit_is_refused"] = new(ByokKeyPolicy, None, KeyImporterSession, "kms:ImportKeyMaterial", ["kms:ExpirationModel=KEY_MATERIAL_EXPIRES", "kms:ValidTo=1767229999"], Implicit, KeyP),
        ["import_without_valid_to_is_refused_by_numeric_condition"] = new(ByokKeyPolicy, None, KeyImporterSession, "kms:ImportKeyMaterial", ["kms:ExpirationModel=KEY_MATERIAL_DOES_NOT_EXPIRE"], Implicit, KeyP),
        ["import_without_expiration_model_is_allowed_by_null"] = new(ByokKeyPolicy, None, PermanentImporter, "kms:ImportKeyMaterial", None, Allow, null),
        ["import_with_expiration_model_is_refused_by_null"] = new(ByokKeyPolicy, None, PermanentImporter, "kms:ImportKeyMaterial", ["kms:ExpirationModel=KEY_MATERIAL_EXPIRES", "kms:ValidTo=1767225000"], Implicit, KeyP),
        ["import_valid_to_as_date_is_allowed"] = new(ByokKeyPolicy, None, DateImporter, "kms:ImportKeyMaterial", ["kms:ValidTo=2025-06-30T12:00:00Z"], Allow, null),
        ["import_valid_to_as_epoch_after_date_is_refused"] = new(ByokKeyPolicy, None, DateImporter, "kms:ImportKeyMaterial", ["kms:ValidTo=1767225601"], Implicit, KeyP),
        ["delete_imported_material_is_allowed_to_the_importer"] = new(ByokKeyPolicy, None, KeyImporterSession, "kms:DeleteImportedKeyMaterial", None, Allow, null),
        ["delete_imported_material_is_refused_to_others"] = new(ByokKeyPolicy, [AllKms], Alice, "kms:DeleteImportedKeyMaterial", None, Implicit, KeyP),
        // Condition keys of the KMS developer guide.
        ["encryption_context_department_is_allowed"] = new(TenStatementPolicy, None, FinanceSession, "kms:Encrypt", ["kms:EncryptionContext:Department=Finance", "kms:EncryptionContextKeys=[Department,Project]"], Allow, null),
        ["encryption_context_other_department_is_refused"] = new(TenStatementPolicy, None, FinanceSession, "kms:Encrypt", ["kms:EncryptionContext:Department=IT", "kms:EncryptionContextKeys=[Department]"], Implicit, IdP),
        ["encryption_context_extra_key_is_refused_by_for_all_values"] = new(TenStatementPolicy, None, FinanceSession, "kms:Encrypt", ["kms:EncryptionContext:Department=Finance", "kms:EncryptionContextKeys=[Department,Owner]"], Implicit, IdP),
        ["encryption_context_keys_for_any_value_allows"] = new(DefaultKeyPolicy, [EncryptionContextKeysIdentity], Alice, "kms:Encrypt", ["kms:EncryptionContextKeys=[Owner,Project]"], Allow, null),
        ["encryption_context_keys_for_any_value_refuses_without_key"] = new(DefaultKeyPolicy, [EncryptionContextKeysIdentity], Alice, "kms:Encrypt", ["kms:EncryptionContextKeys=[Owner]"], Implicit, IdP),
        ["caller_account_via_s3_is_allowed_to_everyone_of_the_account"] = new(TenStatementPolicy, None, Alice, "kms:Decrypt", ["kms:CallerAccount=111122223333", "kms:ViaService=s3.us-east-1.amazonaws.com", "aws:CurrentTime=2026-06-01T00:00:00Z"], Allow, null),
        ["caller_account_not_via_s3_is_refused"] = new(TenStatementPolicy, None, Alice, "kms:Decrypt", ["kms:CallerAccount=111122223333", "aws:CurrentTime=2026-06-01T00:00:00Z"], Implicit, IdP),
        ["decrypt_after_the_deny_date_is_refused"] = new(TenStatementPolicy, None, Alice, "kms:Decrypt", ["kms:CallerAccount=111122223333", "kms:ViaService=s3.us-east-1.amazonaws.com", "aws:CurrentTime=2031-01-01T00:00:00Z"], Explicit, KeyP),
        ["request_alias_is_allowed"] = new(DefaultKeyPolicy, [RequestAliasIdentity], Alice, "kms:Decrypt", ["kms:RequestAlias=alias/finance-key"], Allow, null),
        ["other_request_alias_is_refused"] = new(DefaultKeyPolicy, [RequestAliasIdentity], Alice, "kms:Decrypt", ["kms:RequestAlias=alias/other"], Implicit, IdP),
        ["resource_aliases_is_allowed"] = new(DefaultKeyPolicy, [ResourceAliasesIdentity], Alice, "kms:Encrypt", ["kms:ResourceAliases=[alias/finance-key,alias/legacy]"], Allow, null),
        ["resource_aliases_without_the_alias_is_refused"] = new(DefaultKeyPolicy, [ResourceAliasesIdentity], Alice, "kms:Encrypt", ["kms:ResourceAliases=[alias/legacy]"], Implicit, IdP),
        ["resource_tag_is_allowed"] = new(DefaultKeyPolicy, [ResourceTagIdentity], Alice, "kms:Encrypt", ["aws:ResourceTag/Project=Alpha"], Allow, null),
        ["resource_tag_other_value_is_refused"] = new(DefaultKeyPolicy, [ResourceTagIdentity], Alice, "kms:Encrypt", ["aws:ResourceTag/Project=Beta"], Implicit, IdP),
        // Explicit denies win over every allow, grants included.
        ["key_policy_deny_overrides_the_root"] = new(DenyDecryptToEveryone, None, Root, "kms:Decrypt", None, Explicit, KeyP),
        ["key_policy_deny_overrides_a_grant"] = new(DenyDecryptToEveryone, None, Alice, "kms:Decrypt", None, Explicit, KeyP, Grant: true),
        ["identity_policy_deny_overrides_its_allow"] = new(DefaultKeyPolicy, [IdentityDeniesDecrypt], Alice, "kms:Decrypt", None, Explicit, IdP),
        ["identity_policy_deny_overrides_a_key_policy_naming_the_caller"] = new(ConsoleDefaultKeyPolicy, [IdentityDeniesDecrypt], ExampleSession, "kms:Decrypt", None, Explicit, IdP),
        ["not_principal_deny_refuses_others"] = new(OnlyAdminsDelete, [AllKms], Alice, "kms:ScheduleKeyDeletion", None, Explicit, KeyP),
        ["not_principal_deny_exempts_sessions_of_the_listed_role"] = new(OnlyAdminsDelete, [AllKms], AdminSession, "kms:ScheduleKeyDeletion", None, Allow, null),
        ["not_principal_deny_exempts_the_listed_root"] = new(OnlyAdminsDelete, None, Root, "kms:ScheduleKeyDeletion", None, Allow, null),
        ["not_resource_excludes_the_listed_key"] = new(DefaultKeyPolicy, [NotResourceIdentity], Alice, "kms:Encrypt", None, Implicit, IdP),
        ["not_resource_allows_other_keys"] = new(DefaultKeyPolicy, [NotResourceIdentity], Alice, "kms:Encrypt", None, Allow, null, Resource: OtherKeyArn),
        // Cross-account: the key policy and the caller's IAM policies must both allow.
        ["cross_account_user_with_both_policies_is_allowed"] = new(AllowsAccountB, [EncryptOnKey], Bob, "kms:Encrypt", None, Allow, null),
        ["cross_account_user_without_identity_policy_is_refused"] = new(AllowsAccountB, None, Bob, "kms:Encrypt", None, Implicit, IdP),
        ["cross_account_root_is_allowed_by_the_key_policy_alone"] = new(AllowsAccountB, None, RootB, "kms:Encrypt", None, Allow, null),
        ["cross_account_user_without_key_policy_statement_is_refused"] = new(DefaultKeyPolicy, [EncryptOnKey], Bob, "kms:Encrypt", None, Implicit, KeyP),
        ["cross_account_action_outside_the_key_policy_is_refused"] = new(AllowsAccountB, [AllKms], Bob, "kms:ScheduleKeyDeletion", None, Implicit, KeyP),
        ["cross_account_user_named_in_key_policy_still_needs_identity_policy"] = new(AllowsBob, None, Bob, "kms:Encrypt", None, Implicit, IdP),
        ["cross_account_user_named_in_key_policy_with_identity_policy_is_allowed"] = new(AllowsBob, [EncryptOnKey], Bob, "kms:Encrypt", None, Allow, null),
        ["cross_account_grantee_is_allowed_by_the_grant"] = new(DefaultKeyPolicy, None, Bob, "kms:Decrypt", None, Allow, null, Grant: true),
        // Grants and service principals.
        ["grant_allows_a_user_without_policies"] = new(DefaultKeyPolicy, None, Alice, "kms:Decrypt", None, Allow, null, Grant: true),
        ["service_principal_named_in_the_key_policy_is_allowed"] = new(AllowsDynamoDb, None, "dynamodb.amazonaws.com", "kms:Decrypt", None, Allow, null),
        ["other_service_principal_is_refused"] = new(AllowsDynamoDb, None, "s3.amazonaws.com", "kms:Decrypt", None, Implicit, KeyP),
        // Operations without a key: IAM alone.
        ["list_keys_by_the_root_is_allowed"] = new(null, None, Root, "kms:ListKeys", None, Allow, null, Resource: "*"),
        ["list_keys_by_a_user_without_identity_policy_is_refused"] = new(null, None, Alice, "kms:ListKeys", None, Implicit, IdP, Resource: "*"),
        ["list_keys_by_a_user_with_identity_policy_is_allowed"] = new(null, [AllKms], Alice, "kms:ListKeys", None, Allow, null, Resource: "*"),
    };

    public static TheoryData<string> RowNames => new(Rows.Keys);

    [Theory]
    [MemberData(nameof(RowNames))]
    public void each_documented_example_gets_aws_decision(string name)
    {
        var row = Rows[name];
        var request = Request(row.Caller, row.Action, row.Resource, row.ResourceAccount, Context(row.Context));
        var keyPolicy = row.KeyPolicy is null ? null : Key(row.KeyPolicy);

        var decision = PolicyEvaluator.Evaluate(request, keyPolicy, row.Identities.Select(Identity).ToArray(), row.Grant);

        Assert.Equal((row.Outcome, row.DecidedBy), (decision.Outcome, decision.DecidedBy));
    }
}
