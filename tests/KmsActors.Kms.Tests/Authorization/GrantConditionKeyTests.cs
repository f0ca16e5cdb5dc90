using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>The condition keys of CreateGrant through the engine: kms:GrantOperations, kms:GranteePrincipal,
/// kms:RetiringPrincipal, kms:GrantIsForAWSResource, kms:GrantConstraintType, and the constraint's
/// kms:EncryptionContext:&lt;key&gt; (docs/condition-keys.md). A refused CreateGrant leaves the key without the grant.</summary>
public sealed class GrantConditionKeyTests() : ConditionKeyTestBase(Config)
{
    private static readonly string App = Role("app");
    private static readonly string Other = Role("other");
    private static readonly string Ops = Role("ops");
    private static readonly string CryptoGranter = Role("crypto-granter");
    private static readonly string AppGranter = Role("app-granter");
    private static readonly string RetirableGranter = Role("retirable-granter");
    private static readonly string DirectGranter = Role("direct-granter");
    private static readonly string ServiceGranter = Role("service-granter");
    private static readonly string SubsetGranter = Role("subset-granter");

    private static readonly string Config = Iam(
        (App, null), (Other, null), (Ops, null),
        (CryptoGranter, Allow("kms:CreateGrant", """{"ForAllValues:StringEquals":{"kms:GrantOperations":["Encrypt","Decrypt"]}}""")),
        (AppGranter, Allow("kms:CreateGrant", """{"StringEquals":{"kms:GranteePrincipal":"arn:aws:iam::111122223333:role/app"}}""")),
        (RetirableGranter, Allow("kms:CreateGrant", """{"StringEquals":{"kms:RetiringPrincipal":"arn:aws:iam::111122223333:role/ops"}}""")),
        (DirectGranter, Allow("kms:CreateGrant", """{"Bool":{"kms:GrantIsForAWSResource":false}}""")),
        // AWS's usual example: grants only for AWS services integrated with KMS.
        (ServiceGranter, Allow("kms:CreateGrant", """{"Bool":{"kms:GrantIsForAWSResource":true}}""")),
        (SubsetGranter, Allow("kms:CreateGrant", """{"StringEquals":{"kms:GrantConstraintType":"EncryptionContextSubset","kms:EncryptionContext:tenant":"acme"}}""")));

    private static CreateGrantRequest Grant(string keyId, string grantee, params GrantOperation[] operations) => new()
    {
        KeyId = keyId,
        GranteePrincipal = grantee,
        Operations = operations.Length == 0 ? [GrantOperation.Encrypt] : operations,
    };

    /// <summary>CreateGrant as <paramref name="granter"/> is allowed and the grant is on the key.</summary>
    private async Task AssertGranted(string granter, CreateGrantRequest request)
    {
        var created = await Engine.CreateGrant(request, As(granter));
        var grant = Assert.Single(await Grants(request.KeyId!));
        Assert.Equal((created.GrantId, request.GranteePrincipal), (grant.GrantId, grant.GranteePrincipal));
        await Engine.RevokeGrant(new RevokeGrantRequest { KeyId = request.KeyId, GrantId = created.GrantId });
    }

    /// <summary>CreateGrant as <paramref name="granter"/> is refused with AWS's message and no grant is created.</summary>
    private async Task AssertNotGranted(string granter, CreateGrantRequest request, string keyArn)
    {
        await AssertRefusedUnchanged(request.KeyId!, () => Engine.CreateGrant(request, As(granter)), "AccessDeniedException",
            NoIdentityAllow(granter, "kms:CreateGrant", keyArn));
        Assert.Empty(await Grants(request.KeyId!));
    }

    [Fact]
    public async Task grant_operations_holds_the_grants_operations()
    {
        var key = await NewKey();

        await AssertGranted(CryptoGranter, Grant(key.KeyId!, App, GrantOperation.Encrypt, GrantOperation.Decrypt));
        await AssertNotGranted(CryptoGranter, Grant(key.KeyId!, App, GrantOperation.Encrypt, GrantOperation.ReEncryptFrom), key.Arn!);
    }

    [Fact]
    public async Task grantee_principal_is_the_requested_grantee()
    {
        var key = await NewKey();

        await AssertGranted(AppGranter, Grant(key.KeyId!, App));
        await AssertNotGranted(AppGranter, Grant(key.KeyId!, Other), key.Arn!);
    }

    [Fact]
    public async Task retiring_principal_is_the_requested_one_and_absent_when_omitted()
    {
        var key = await NewKey();

        await AssertGranted(RetirableGranter, Grant(key.KeyId!, App) with { RetiringPrincipal = Ops });
        await AssertNotGranted(RetirableGranter, Grant(key.KeyId!, App) with { RetiringPrincipal = Other }, key.Arn!);
        await AssertNotGranted(RetirableGranter, Grant(key.KeyId!, App), key.Arn!);
    }

    [Fact]
    public async Task grant_is_for_aws_resource_is_false_for_a_direct_call()
    {
        var key = await NewKey();

        await AssertGranted(DirectGranter, Grant(key.KeyId!, App));
        await AssertNotGranted(ServiceGranter, Grant(key.KeyId!, App), key.Arn!);
    }

    [Fact]
    public async Task grant_constraint_type_and_the_constraints_context_are_the_requests()
    {
        var key = await NewKey();
        var tenant = new Dictionary<string, string> { ["tenant"] = "acme" };

        await AssertGranted(SubsetGranter, Grant(key.KeyId!, App) with { Constraints = new GrantConstraints { EncryptionContextSubset = tenant } });
        await AssertNotGranted(SubsetGranter, Grant(key.KeyId!, App) with { Constraints = new GrantConstraints { EncryptionContextEquals = tenant } }, key.Arn!);
        await AssertNotGranted(SubsetGranter, Grant(key.KeyId!, App) with
        {
            Constraints = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["tenant"] = "globex" } },
        }, key.Arn!);
        await AssertNotGranted(SubsetGranter, Grant(key.KeyId!, App), key.Arn!);
    }
}
