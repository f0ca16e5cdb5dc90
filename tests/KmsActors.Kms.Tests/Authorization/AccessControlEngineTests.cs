using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Engine;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>
/// Who may call a key, through the engine: the key policy, kms.iam's identity policies, and what a refusal looks like
/// (AWS's AccessDeniedException message, nothing changed, an audit record with errorCode AccessDenied).
/// role/app may only Encrypt with keys of this account (its identity policy below); role/nobody is named by no policy.
/// </summary>
public sealed class AccessControlEngineTests() : EngineTestBase(Iam)
{
    private const string Account = "111122223333";
    private const string AppRole = "arn:aws:iam::111122223333:role/app";
    private const string Nobody = "arn:aws:iam::111122223333:role/nobody";

    private const string Iam = """"
        kms.iam.principals = [
          { arn = "arn:aws:iam::111122223333:role/app"
            policies = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"arn:aws:kms:us-east-1:111122223333:key/*"}]}"""] }
          { arn = "arn:aws:iam::111122223333:role/nobody" }
          { arn = "arn:aws:iam::111122223333:role/regional"
            policies = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*"}]}"""] }
          { arn = "arn:aws:iam::111122223333:role/not-here"
            policies = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"},{"Effect":"Deny","Action":"kms:Encrypt","Resource":"arn:aws:kms:${aws:RequestedRegion}:111122223333:key/*"}]}"""] }
          { arn = "arn:aws:iam::111122223333:role/retirer"
            policies = ["""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:RetireGrant","Resource":"*"}]}"""] }
        ]
        """";

    private static string NotAuthorized(string principal, string action, string resource, string why) =>
        $"User: {principal} is not authorized to perform: {action} on resource: {resource} {why}";

    private async Task<KeyMetadata> SymmetricKey(string? policy = null) =>
        (await Engine.CreateKey(new CreateKeyRequest { Policy = policy })).KeyMetadata!;

    private Task<EncryptResponse> EncryptAs(string principal, string keyId) =>
        Engine.Encrypt(new EncryptRequest { KeyId = keyId, Plaintext = "hello"u8.ToArray() }, As(principal));

    [Fact]
    public async Task with_nothing_configured_the_account_root_may_do_everything()
    {
        var (key, _) = await ImportedKey();
        var encrypted = await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "hello"u8.ToArray() });
        Assert.Equal(key.Arn, encrypted.KeyId);
        var policy = await Engine.Send<GetKeyPolicyResponse>(new GetKeyPolicyRequest { KeyId = key.KeyId });
        Assert.Contains("\"Sid\" : \"Enable IAM User Permissions\"", policy.Policy);
    }

    [Fact]
    public async Task an_identity_policy_lets_the_role_encrypt_and_nothing_else()
    {
        var key = await SymmetricKey();

        var encrypted = await EncryptAs(AppRole, key.KeyId!);
        Assert.Equal(key.Arn, encrypted.KeyId);
        await AssertRefusedUnchanged(key.KeyId!, () => Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId }, As(AppRole)),
            "AccessDeniedException", NotAuthorized(AppRole, "kms:DisableKey", key.Arn!, "because no identity-based policy allows the kms:DisableKey action"));
        await AssertRefused(() => Engine.Decrypt(new DecryptRequest { CiphertextBlob = encrypted.CiphertextBlob }, As(AppRole)),
            "AccessDeniedException", NotAuthorized(AppRole, "kms:Decrypt", key.Arn!, "because no identity-based policy allows the kms:Decrypt action"));
    }

    [Fact]
    public async Task a_principal_without_identity_policies_has_no_permissions_of_its_own()
    {
        var key = await SymmetricKey();

        await AssertRefused(() => EncryptAs(Nobody, key.KeyId!), "AccessDeniedException",
            NotAuthorized(Nobody, "kms:Encrypt", key.Arn!, "because no identity-based policy allows the kms:Encrypt action"));
        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest(), As(Nobody)), "AccessDeniedException",
            NotAuthorized(Nobody, "kms:CreateKey", "*", "because no identity-based policy allows the kms:CreateKey action"));
        await AssertRefused(() => Engine.ListKeys(new ListKeysRequest(), As(Nobody)), "AccessDeniedException",
            NotAuthorized(Nobody, "kms:ListKeys", "*", "because no identity-based policy allows the kms:ListKeys action"));
    }

    [Fact]
    public async Task a_key_policy_that_names_the_principal_lets_it_in_without_an_identity_policy()
    {
        var key = await SymmetricKey($$"""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"{{Nobody}}"},"Action":["kms:Encrypt","kms:DescribeKey"],"Resource":"*"}]}
            """);

        Assert.Equal(key.Arn, (await EncryptAs(Nobody, key.KeyId!)).KeyId);
        Assert.Equal(key.Arn, (await Engine.DescribeKey(new DescribeKeyRequest { KeyId = key.KeyId }, As(Nobody))).KeyMetadata!.Arn);
    }

    [Fact]
    public async Task a_key_policy_that_does_not_name_the_account_refuses_even_the_root()
    {
        var locked = (await Engine.CreateKey(new CreateKeyRequest
        {
            Policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{AppRole}}"},"Action":"kms:*","Resource":"*"}]}""",
            BypassPolicyLockoutSafetyCheck = true,
        })).KeyMetadata!;

        await AssertRefused(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = locked.KeyId }), "AccessDeniedException",
            NotAuthorized($"arn:aws:iam::{Account}:root", "kms:DescribeKey", locked.Arn!, "because no resource-based policy allows the kms:DescribeKey action"));
        Assert.Equal(locked.Arn, (await EncryptAs(AppRole, locked.KeyId!)).KeyId);
    }

    [Fact]
    public async Task an_explicit_deny_in_the_key_policy_wins_over_every_allow()
    {
        var key = await SymmetricKey($$"""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"No encryption by the app","Effect":"Deny","Principal":{"AWS":"{{AppRole}}"},"Action":"kms:Encrypt","Resource":"*"}]}
            """);

        await AssertRefused(() => EncryptAs(AppRole, key.KeyId!), "AccessDeniedException",
            NotAuthorized(AppRole, "kms:Encrypt", key.Arn!, "with an explicit deny in a resource-based policy"));
    }

    [Fact]
    public async Task a_refused_call_is_audited_with_errorCode_AccessDenied_and_the_callers_identity()
    {
        var key = await SymmetricKey();

        await AssertRefused(() => Engine.DisableKey(new DisableKeyRequest { KeyId = key.KeyId }, As(AppRole)), "AccessDeniedException");

        var record = await SingleAudit("DisableKey");
        Assert.Equal("AccessDenied", record.ErrorCode);
        Assert.Equal(NotAuthorized(AppRole, "kms:DisableKey", key.Arn!, "because no identity-based policy allows the kms:DisableKey action"), record.ErrorMessage);
        Assert.Equal(("AssumedRole", AppRole), (record.UserIdentity.Type, record.UserIdentity.Arn));
        Assert.Equal(KeyState.Enabled, (await Describe(key.KeyId!)).KeyState);
    }

    [Fact]
    public async Task a_principal_of_another_account_reaches_a_key_by_its_arn_when_both_policies_allow()
    {
        const string partner = "arn:aws:iam::444455556666:root";
        var shared = await SymmetricKey("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Allow use by the partner account","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":["kms:Encrypt","kms:DescribeKey"],"Resource":"*"}]}
            """);
        var unshared = await SymmetricKey();

        Assert.Equal(shared.Arn, (await EncryptAs(partner, shared.Arn!)).KeyId);
        await AssertRefused(() => EncryptAs(partner, unshared.Arn!), "AccessDeniedException",
            NotAuthorized(partner, "kms:Encrypt", unshared.Arn!, "because no resource-based policy allows the kms:Encrypt action"));
        // By key ID the partner names a key of its own account, which does not exist.
        await AssertRefused(() => EncryptAs(partner, shared.KeyId!), "NotFoundException",
            $"Key 'arn:aws:kms:us-east-1:444455556666:key/{shared.KeyId}' does not exist");
        // Disabling is not an operation AWS allows across accounts: the partner's own region answers.
        await AssertRefused(() => Engine.DisableKey(new DisableKeyRequest { KeyId = shared.Arn }, As(partner)), "NotFoundException");
    }

    [Fact]
    public async Task a_grant_is_retired_by_its_retiring_principal_of_another_account_by_token_or_by_a_delegated_principal()
    {
        const string cleanup = "arn:aws:iam::444455556666:role/cleanup";
        var key = await SymmetricKey();
        var forPartner = await Engine.Send<CreateGrantResponse>(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = Nobody, RetiringPrincipal = cleanup, Operations = [GrantOperation.Encrypt],
        });
        var forRetirer = await Engine.Send<CreateGrantResponse>(new CreateGrantRequest
        {
            KeyId = key.KeyId, GranteePrincipal = Nobody, Operations = [GrantOperation.Decrypt],
        });

        // role/nobody is the grantee, but the grant does not allow it RetireGrant, and it has no IAM permission.
        await AssertRefused(() => Engine.Send<EmptyResponse>(new RetireGrantRequest { GrantToken = forPartner.GrantToken }, As(Nobody)),
            "AccessDeniedException");
        await Engine.Send<EmptyResponse>(new RetireGrantRequest { GrantToken = forPartner.GrantToken }, As(cleanup));
        await Engine.Send<EmptyResponse>(new RetireGrantRequest { KeyId = key.KeyId, GrantId = forRetirer.GrantId }, As("arn:aws:iam::111122223333:role/retirer"));

        var grants = await Engine.Send<ListGrantsResponse>(new ListGrantsRequest { KeyId = key.KeyId });
        Assert.Empty(grants.Grants!);
    }

    [Fact]
    public async Task re_encrypt_reaches_a_destination_key_of_another_account_whose_key_policy_allows_it()
    {
        const string partnerRoot = "arn:aws:iam::444455556666:root";
        var source = await SymmetricKey();
        var open = (await Engine.CreateKey(new CreateKeyRequest { Policy = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Re-encrypt into this key","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:ReEncryptTo","Resource":"*"}]}
            """ }, As(partnerRoot))).KeyMetadata!;
        var closed = (await Engine.CreateKey(new CreateKeyRequest(), As(partnerRoot))).KeyMetadata!;
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = source.KeyId, Plaintext = [7] })).CiphertextBlob;

        var moved = await Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, DestinationKeyId = open.Arn });
        Assert.Equal((source.Arn, open.Arn), (moved.SourceKeyId, moved.KeyId));
        Assert.Equal([7], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = moved.CiphertextBlob }, As(partnerRoot))).Plaintext);
        await AssertRefused(() => Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, DestinationKeyId = closed.Arn }), "AccessDeniedException",
            NotAuthorized($"arn:aws:iam::{Account}:root", "kms:ReEncryptTo", closed.Arn!, "because no resource-based policy allows the kms:ReEncryptTo action"));
    }

    [Fact]
    public async Task a_policy_variable_in_a_resource_is_read_from_each_request_and_never_cached_as_context_free()
    {
        var key = await SymmetricKey();

        Assert.Equal(key.Arn, (await EncryptAs("arn:aws:iam::111122223333:role/regional", key.KeyId!)).KeyId);
        Assert.Equal(key.Arn, (await EncryptAs("arn:aws:iam::111122223333:role/regional", key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs("arn:aws:iam::111122223333:role/not-here", key.KeyId!), "AccessDeniedException",
            NotAuthorized("arn:aws:iam::111122223333:role/not-here", "kms:Encrypt", key.Arn!, "with an explicit deny in an identity-based policy"));
    }

    [Fact]
    public async Task re_encrypt_from_a_key_of_another_account_into_a_key_of_the_callers_own_by_key_id()
    {
        const string partnerRoot = "arn:aws:iam::444455556666:root";
        var shared = (await Engine.CreateKey(new CreateKeyRequest { Policy = """
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Share","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":["kms:Encrypt","kms:ReEncryptFrom"],"Resource":"*"}]}
            """ }, As(partnerRoot))).KeyMetadata!;
        var mine = await SymmetricKey();
        var ciphertext = (await Engine.Encrypt(new EncryptRequest { KeyId = shared.Arn, Plaintext = [7] })).CiphertextBlob;

        var moved = await Engine.ReEncrypt(new ReEncryptRequest { CiphertextBlob = ciphertext, SourceKeyId = shared.Arn, DestinationKeyId = mine.KeyId });

        Assert.Equal((shared.Arn, mine.Arn), (moved.SourceKeyId, moved.KeyId));
        Assert.Equal([7], (await Engine.Decrypt(new DecryptRequest { CiphertextBlob = moved.CiphertextBlob })).Plaintext);
    }

    [Fact]
    public async Task a_principal_of_another_account_reaches_a_key_by_its_alias_arn()
    {
        const string partner = "arn:aws:iam::444455556666:root";
        var shared = await SymmetricKey("""
            {"Version":"2012-10-17","Statement":[
              {"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
              {"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"kms:Encrypt","Resource":"*"}]}
            """);
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/shared", TargetKeyId = shared.KeyId });

        Assert.Equal(shared.Arn, (await EncryptAs(partner, $"arn:aws:kms:us-east-1:{Account}:alias/shared")).KeyId);
        await AssertRefused(() => EncryptAs(partner, "alias/shared"), "NotFoundException"); // an alias name is the caller's own
    }

    [Fact]
    public async Task an_alias_operation_needs_the_action_on_the_alias_and_on_the_key()
    {
        var key = await SymmetricKey();

        // role/app's identity policy allows Encrypt only: CreateAlias is refused on the alias already.
        await AssertRefused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = key.KeyId }, As(AppRole)),
            "AccessDeniedException",
            NotAuthorized(AppRole, "kms:CreateAlias", $"arn:aws:kms:us-east-1:{Account}:alias/app", "because no identity-based policy allows the kms:CreateAlias action"));

        var lockedKey = (await Engine.CreateKey(new CreateKeyRequest
        {
            Policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"{{AppRole}}"},"Action":"kms:*","Resource":"*"}]}""",
            BypassPolicyLockoutSafetyCheck = true,
        })).KeyMetadata!;
        // The root may create any alias (IAM), but this key's policy does not let the root act on the key.
        await AssertRefused(() => Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/locked", TargetKeyId = lockedKey.KeyId }),
            "AccessDeniedException",
            NotAuthorized($"arn:aws:iam::{Account}:root", "kms:CreateAlias", lockedKey.Arn!, "because no resource-based policy allows the kms:CreateAlias action"));
        var aliases = await Engine.ListAliases(new ListAliasesRequest());
        Assert.DoesNotContain(aliases.Aliases!, alias => alias.AliasName is "alias/app" or "alias/locked");

        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/open", TargetKeyId = key.KeyId });
        Assert.Equal(key.KeyId, (await Describe("alias/open")).KeyId);
    }
}
