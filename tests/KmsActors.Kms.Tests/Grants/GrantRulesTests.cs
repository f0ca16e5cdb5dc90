using System.Collections.Immutable;
using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Grants;

/// <summary>The key rules for CreateGrant / ListGrants / RetireGrant / RevokeGrant and <see cref="GrantRules"/>, as pure functions.</summary>
public sealed class GrantRulesTests
{
    private const string App = "arn:aws:iam::111122223333:role/app";
    private const string Ops = "arn:aws:iam::111122223333:user/ops";
    private static readonly PrincipalInfo AppSession = PrincipalInfo.FromArn("arn:aws:sts::111122223333:assumed-role/app/s1");
    private static readonly PrincipalInfo Other = PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/other");

    private static (KmsKey Key, CreateGrantResponse Response) Granted(KmsKey key, CreateGrantRequest request, string requestId = "r1", DateTimeOffset? now = null)
    {
        var decision = KeyRules.CreateGrant(key, request with { KeyId = key.KeyId }, requestId, now ?? T0);
        return (decision.Events.Aggregate(key, KeyRules.Apply), (CreateGrantResponse)decision.Response!);
    }

    private static CreateGrantRequest Request(params GrantOperation[] operations) => new() { GranteePrincipal = App, Operations = operations };

    [Fact]
    public void a_grant_gets_a_64_hex_id_and_a_token_that_names_its_key_and_grant()
    {
        var (key, response) = Granted(External(KeyState.Enabled), Request(GrantOperation.Encrypt));

        Assert.Matches("^[0-9a-f]{64}$", response.GrantId);
        Assert.True(GrantToken.TryRead(response.GrantToken, out var keyArn, out var grantId));
        Assert.Equal((key.Arn, response.GrantId), (keyArn, grantId));
        Assert.Equal(response.GrantId, Assert.Single(key.Grants).GrantId);
    }

    [Fact]
    public void a_retry_with_the_same_name_and_parameters_returns_the_same_grant_with_a_new_token()
    {
        var request = Request(GrantOperation.Encrypt, GrantOperation.Decrypt) with { Name = "app-grant" };
        var (key, first) = Granted(External(KeyState.Enabled), request, "r1");

        var retry = KeyRules.CreateGrant(key, request with { KeyId = key.KeyId, Operations = [GrantOperation.Decrypt, GrantOperation.Encrypt] }, "r2", T0);

        Assert.Empty(retry.Events);
        var response = (CreateGrantResponse)retry.Response!;
        Assert.Equal(first.GrantId, response.GrantId);
        Assert.NotEqual(first.GrantToken, response.GrantToken);
    }

    [Fact]
    public void the_same_name_with_other_parameters_creates_another_grant()
    {
        var request = Request(GrantOperation.Encrypt) with { Name = "app-grant" };
        var (key, first) = Granted(External(KeyState.Enabled), request, "r1");

        var (after, second) = Granted(key, request with { Operations = [GrantOperation.Decrypt] }, "r2");

        Assert.NotEqual(first.GrantId, second.GrantId);
        Assert.Equal(2, after.Grants.Count);
    }

    [Theory]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT, GrantOperation.Sign)]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT, GrantOperation.GetPublicKey)]
    [InlineData(KeySpec.RSA_2048, KeyUsageType.ENCRYPT_DECRYPT, GrantOperation.GenerateDataKey)]
    [InlineData(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY, GrantOperation.Encrypt)]
    [InlineData(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC, GrantOperation.GenerateDataKeyPair)]
    [InlineData(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT, GrantOperation.Sign)]
    public void an_operation_the_key_does_not_support_is_a_validation_error(KeySpec spec, KeyUsageType usage, GrantOperation operation)
    {
        var key = External(KeyState.Enabled, spec, usage);

        var error = Assert.Throws<KmsException>(() => KeyRules.CreateGrant(key, Request(operation) with { KeyId = key.KeyId }, "r", T0));

        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.StartsWith($"Grant operations [{operation}] are not valid for {key.Arn}", error.Message);
    }

    [Theory]
    [InlineData(KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY, GrantOperation.Sign)]
    [InlineData(KeySpec.HMAC_256, KeyUsageType.GENERATE_VERIFY_MAC, GrantOperation.GenerateMac)]
    [InlineData(KeySpec.ECC_NIST_P256, KeyUsageType.KEY_AGREEMENT, GrantOperation.DeriveSharedSecret)]
    [InlineData(KeySpec.SYMMETRIC_DEFAULT, KeyUsageType.ENCRYPT_DECRYPT, GrantOperation.GenerateDataKeyPairWithoutPlaintext)]
    public void an_operation_the_key_supports_is_granted(KeySpec spec, KeyUsageType usage, GrantOperation operation)
    {
        var (key, _) = Granted(External(KeyState.Enabled, spec, usage), Request(operation, GrantOperation.DescribeKey));

        Assert.Equal([operation, GrantOperation.DescribeKey], Assert.Single(key.Grants).Operations);
    }

    [Fact]
    public void a_grant_of_only_create_grant_is_refused_with_aws_message() =>
        Refused(KmsErrorCodes.ValidationException, "Grants must not contain only the CreateGrant operation.",
            () => KeyRules.CreateGrant(External(KeyState.Enabled), Request(GrantOperation.CreateGrant) with { KeyId = "k" }, "r", T0));

    [Fact]
    public void constraints_with_operations_that_take_no_encryption_context_are_refused()
    {
        var key = External(KeyState.Enabled, KeySpec.RSA_2048, KeyUsageType.SIGN_VERIFY);
        var request = Request(GrantOperation.Sign, GrantOperation.DescribeKey) with
        {
            KeyId = key.KeyId,
            Constraints = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["a"] = "b" } },
        };

        var error = Assert.Throws<KmsException>(() => KeyRules.CreateGrant(key, request, "r", T0));

        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.StartsWith("Grant constraints are not supported for the operations [Sign]", error.Message);
    }

    [Fact]
    public void an_invalid_grantee_principal_is_an_invalid_arn() =>
        Refused(KmsErrorCodes.InvalidArnException, "ARN arn:aws:s3:::bucket is not a valid principal.",
            () => KeyRules.CreateGrant(External(KeyState.Enabled), Request(GrantOperation.Encrypt) with { KeyId = "k", GranteePrincipal = "arn:aws:s3:::bucket" }, "r", T0));

    [Fact]
    public void more_than_ten_grant_tokens_are_a_validation_error()
    {
        var error = Assert.Throws<KmsException>(() => RequestValidation.Check(
            Request(GrantOperation.Encrypt) with { KeyId = "k", GrantTokens = [.. Enumerable.Repeat("t", 11)] }, "us-east-1"));

        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.EndsWith("at 'grantTokens' failed to satisfy constraint: Member must have length less than or equal to 10", error.Message);
    }

    [Fact]
    public void create_grant_on_a_key_pending_deletion_is_an_invalid_state_and_allowed_when_disabled_or_pending_import()
    {
        var pending = External(KeyState.PendingDeletion);
        Refused(KmsErrorCodes.KMSInvalidStateException, $"{pending.Arn} is pending deletion.",
            () => KeyRules.CreateGrant(pending, Request(GrantOperation.Encrypt) with { KeyId = "k" }, "r", T0));

        Assert.Single(Granted(External(KeyState.Disabled), Request(GrantOperation.Encrypt)).Key.Grants);
        Assert.Single(Granted(External(KeyState.PendingImport), Request(GrantOperation.Encrypt)).Key.Grants);
    }

    [Fact]
    public void dry_run_answers_dry_run_operation_and_creates_nothing() =>
        Refused(KmsErrorCodes.DryRunOperationException, "The request would have succeeded, but the DryRun option is set.",
            () => KeyRules.CreateGrant(External(KeyState.Enabled), Request(GrantOperation.Encrypt) with { KeyId = "k", DryRun = true }, "r", T0));

    [Fact]
    public void the_five_hundred_and_first_grant_for_one_grantee_exceeds_the_limit()
    {
        var key = External(KeyState.Enabled);
        var grants = Enumerable.Range(0, KeyRules.MaxGrantsPerGranteePerKey)
            .Select(i => new Grant { GrantId = i.ToString("x64"), CreationDate = T0, GranteePrincipal = App, IssuingAccount = "arn:aws:iam::111122223333:root", Operations = [GrantOperation.Encrypt] });
        key = key with { Grants = [.. grants] };

        var error = Assert.Throws<KmsException>(() => KeyRules.CreateGrant(key, Request(GrantOperation.Encrypt) with { KeyId = "k" }, "r", T0));

        Assert.Equal(KmsErrorCodes.LimitExceededException, error.ErrorCode);
        Assert.Single(Granted(key, Request(GrantOperation.Encrypt) with { GranteePrincipal = Ops }).Key.Grants, g => g.GranteePrincipal == Ops);
    }

    [Fact]
    public void list_grants_pages_in_creation_order_and_filters_by_grantee()
    {
        var key = External(KeyState.Enabled);
        for (var i = 0; i < 5; i++)
            key = Granted(key, Request(GrantOperation.Encrypt) with { GranteePrincipal = i % 2 == 0 ? App : Ops }, $"r{i}", T0.AddSeconds(i)).Key;

        var first = (ListGrantsResponse)KeyRules.ListGrants(key, new ListGrantsRequest { KeyId = key.KeyId, Limit = 2 }).Response!;
        var rest = (ListGrantsResponse)KeyRules.ListGrants(key, new ListGrantsRequest { KeyId = key.KeyId, Marker = first.NextMarker }).Response!;
        var apps = (ListGrantsResponse)KeyRules.ListGrants(key, new ListGrantsRequest { KeyId = key.KeyId, GranteePrincipal = App }).Response!;

        Assert.True(first.Truncated);
        Assert.False(rest.Truncated);
        Assert.Equal(key.Grants.Select(g => g.GrantId), first.Grants!.Concat(rest.Grants!).Select(g => g.GrantId));
        Assert.Equal(3, apps.Grants!.Count);
        Assert.All(first.Grants!, g => Assert.Equal((key.Arn, "arn:aws:iam::111122223333:root"), (g.KeyId, g.IssuingAccount)));
    }

    [Fact]
    public void allows_needs_the_grantee_the_operation_and_an_effective_grant()
    {
        var (key, response) = Granted(External(KeyState.Enabled), Request(GrantOperation.Decrypt), now: T0);
        var delay = TimeSpan.FromSeconds(1);

        Assert.False(GrantRules.Allows(key, AppSession, "Decrypt", null, null, T0, delay));
        Assert.True(GrantRules.Allows(key, AppSession, "Decrypt", null, [response.GrantToken!], T0, delay));
        Assert.True(GrantRules.Allows(key, AppSession, "kms:Decrypt", null, null, T0 + delay, delay));
        Assert.False(GrantRules.Allows(key, AppSession, "ReEncryptFrom", null, null, T0 + delay, delay));
        Assert.False(GrantRules.Allows(key, AppSession, "Encrypt", null, null, T0 + delay, delay));
        Assert.False(GrantRules.Allows(key, Other, "Decrypt", null, null, T0 + delay, delay));
    }

    [Fact]
    public void equals_constraint_needs_the_exact_context_keys_ignoring_case_values_exactly()
    {
        var (key, _) = Granted(External(KeyState.Enabled), Request(GrantOperation.Encrypt, GrantOperation.DescribeKey) with
        {
            Constraints = new GrantConstraints { EncryptionContextEquals = new Dictionary<string, string> { ["Purpose"] = "Test" } },
        });

        Assert.True(GrantRules.Allows(key, AppSession, "Encrypt", new Dictionary<string, string> { ["purpose"] = "Test" }, null, T0, TimeSpan.Zero));
        Assert.False(GrantRules.Allows(key, AppSession, "Encrypt", new Dictionary<string, string> { ["Purpose"] = "test" }, null, T0, TimeSpan.Zero));
        Assert.False(GrantRules.Allows(key, AppSession, "Encrypt", new Dictionary<string, string> { ["Purpose"] = "Test", ["x"] = "y" }, null, T0, TimeSpan.Zero));
        Assert.False(GrantRules.Allows(key, AppSession, "Encrypt", null, null, T0, TimeSpan.Zero));
        Assert.True(GrantRules.Allows(key, AppSession, "DescribeKey", null, null, T0, TimeSpan.Zero)); // constraints do not apply
    }

    [Fact]
    public void subset_constraint_needs_every_pair_in_the_context()
    {
        var (key, _) = Granted(External(KeyState.Enabled), Request(GrantOperation.Decrypt) with
        {
            Constraints = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["a"] = "1" } },
        });

        Assert.True(GrantRules.Allows(key, AppSession, "Decrypt", new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, null, T0, TimeSpan.Zero));
        Assert.False(GrantRules.Allows(key, AppSession, "Decrypt", new Dictionary<string, string> { ["b"] = "2" }, null, T0, TimeSpan.Zero));
    }

    [Fact]
    public void a_grantee_with_create_grant_may_only_create_narrower_and_at_least_as_strict_grants()
    {
        var (key, _) = Granted(External(KeyState.Enabled), Request(GrantOperation.CreateGrant, GrantOperation.Encrypt, GrantOperation.Decrypt) with
        {
            Constraints = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["a"] = "1" } },
        });
        var subset = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };

        Assert.True(GrantRules.AllowsCreateGrant(key, AppSession, Request(GrantOperation.Encrypt) with { Constraints = subset }, T0, TimeSpan.Zero));
        Assert.False(GrantRules.AllowsCreateGrant(key, AppSession, Request(GrantOperation.Encrypt), T0, TimeSpan.Zero));
        Assert.False(GrantRules.AllowsCreateGrant(key, AppSession, Request(GrantOperation.GenerateDataKey) with { Constraints = subset }, T0, TimeSpan.Zero));
        Assert.False(GrantRules.AllowsCreateGrant(key, Other, Request(GrantOperation.Encrypt) with { Constraints = subset }, T0, TimeSpan.Zero));
    }

    [Fact]
    public void retiring_is_for_the_retiring_principal_the_grantee_with_retire_grant_and_the_account_root()
    {
        var withRetire = Granted(External(KeyState.Enabled), Request(GrantOperation.Encrypt, GrantOperation.RetireGrant) with { RetiringPrincipal = Ops }).Key.Grants[0];
        var withoutRetire = withRetire with { Operations = [GrantOperation.Encrypt] };

        Assert.True(GrantRules.MayRetire(withoutRetire, PrincipalInfo.FromArn(Ops)));
        Assert.True(GrantRules.MayRetire(withRetire, AppSession));
        Assert.False(GrantRules.MayRetire(withoutRetire, AppSession));
        Assert.True(GrantRules.MayRetire(withoutRetire, PrincipalInfo.Root(Account)));
        Assert.False(GrantRules.MayRetire(withoutRetire, PrincipalInfo.Root("444455556666")));
        Assert.False(GrantRules.MayRetire(withoutRetire, Other));
    }

    [Fact]
    public void retire_by_another_principal_is_access_denied_and_revoke_of_an_unknown_grant_is_not_found()
    {
        var (key, response) = Granted(External(KeyState.Enabled), Request(GrantOperation.Encrypt));

        var denied = Assert.Throws<KmsException>(() => KeyRules.RetireGrant(key, new RetireGrantRequest { GrantToken = response.GrantToken }, Other, T0));
        Assert.Equal(AuthorizationDecision.AccessDeniedException, denied.ErrorCode);
        Assert.StartsWith($"User: {Other.Arn} is not authorized to perform: kms:RetireGrant on resource: {key.Arn}", denied.Message);
        Refused(KmsErrorCodes.NotFoundException, $"Grant ID {new string('b', 64)} not found for key {key.Arn}.",
            () => KeyRules.RevokeGrant(key, new RevokeGrantRequest { KeyId = key.KeyId, GrantId = new string('b', 64) }, T0));
        Refused(KmsErrorCodes.InvalidGrantIdException, "Invalid grant ID: nope",
            () => KeyRules.RevokeGrant(key, new RevokeGrantRequest { KeyId = key.KeyId, GrantId = "nope" }, T0));
        Refused(KmsErrorCodes.InvalidGrantTokenException, "Invalid grant token.",
            () => KeyRules.RetireGrant(key, new RetireGrantRequest { GrantToken = "garbage" }, Other, T0));
    }

    [Fact]
    public void grants_go_with_the_key()
    {
        var (key, _) = Granted(External(KeyState.Enabled), Request(GrantOperation.Encrypt));

        Assert.Empty(KeyRules.Apply(key, new KeyDeleted(T0)).Grants);
    }
}
