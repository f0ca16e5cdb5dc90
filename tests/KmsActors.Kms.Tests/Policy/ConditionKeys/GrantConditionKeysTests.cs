using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.ConditionKeys.ContextFixture;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>The keys of CreateGrant and the other grant operations.</summary>
public sealed class GrantConditionKeysTests
{
    private static readonly CreateGrantRequest Grant = new()
    {
        GranteePrincipal = "arn:aws:iam::111122223333:role/LimitedAdminRole",
        RetiringPrincipal = "arn:aws:iam::111122223333:user/OpsAdmin",
        Operations = [GrantOperation.Encrypt, GrantOperation.ReEncryptTo],
        Constraints = new GrantConstraints { EncryptionContextEquals = new Dictionary<string, string> { ["Department"] = "IT" } },
    };

    [Fact]
    public void create_grant_carries_the_grantee_retiring_principal_and_operations()
    {
        var context = Build("CreateGrant", Grant, Key());

        Assert.Equal("arn:aws:iam::111122223333:role/LimitedAdminRole", context.Value("kms:GranteePrincipal"));
        Assert.Equal("arn:aws:iam::111122223333:user/OpsAdmin", context.Value("kms:RetiringPrincipal"));
        Assert.Equal(["Encrypt", "ReEncryptTo"], context.Values("kms:GrantOperations"));
        Assert.False(context.Has("kms:GranteeServicePrincipal"));
        Assert.False(context.Has("kms:RetiringServicePrincipal"));
    }

    [Fact]
    public void create_grant_carries_the_constraint_type_and_its_encryption_context()
    {
        var context = Build("CreateGrant", Grant, Key());

        Assert.Equal("EncryptionContextEquals", context.Value("kms:GrantConstraintType"));
        Assert.Equal("IT", context.Value("kms:EncryptionContext:Department"));
        Assert.Equal(["Department"], context.Values("kms:EncryptionContextKeys"));
    }

    [Fact]
    public void a_subset_constraint_is_of_type_encryption_context_subset()
    {
        var request = Grant with { Constraints = new GrantConstraints { EncryptionContextSubset = new Dictionary<string, string> { ["Project"] = "Alpha" } } };

        var context = Build("CreateGrant", request, Key());

        Assert.Equal("EncryptionContextSubset", context.Value("kms:GrantConstraintType"));
        Assert.Equal("Alpha", context.Value("kms:EncryptionContext:Project"));
    }

    [Fact]
    public void a_grant_without_constraints_or_retiring_principal_has_neither_key()
    {
        var context = Build("CreateGrant", Grant with { Constraints = null, RetiringPrincipal = null }, Key());

        Assert.False(context.Has("kms:GrantConstraintType"));
        Assert.False(context.Has("kms:EncryptionContextKeys"));
        Assert.False(context.Has("kms:RetiringPrincipal"));
    }

    [Fact]
    public void a_service_grantee_is_also_the_grantee_service_principal()
    {
        var context = Build("CreateGrant", Grant with { GranteePrincipal = "dynamodb.amazonaws.com", RetiringPrincipal = "dynamodb.amazonaws.com" }, Key());

        Assert.Equal("dynamodb.amazonaws.com", context.Value("kms:GranteeServicePrincipal"));
        Assert.Equal("dynamodb.amazonaws.com", context.Value("kms:RetiringServicePrincipal"));
    }

    [Fact]
    public void grant_keys_do_not_apply_to_list_grants()
    {
        var context = Build("ListGrants", Grant, Key());

        Assert.False(context.Has("kms:GranteePrincipal"));
        Assert.False(context.Has("kms:GrantOperations"));
        Assert.False(context.Has("kms:GrantConstraintType"));
    }

    [Theory]
    [InlineData("CreateGrant")]
    [InlineData("ListGrants")]
    [InlineData("RevokeGrant")]
    public void a_grant_operation_through_a_service_is_for_an_aws_resource(string action)
    {
        var context = KmsConditionKeys.Build(Call(action, Grant, Key()) with { ViaService = "ec2.us-east-1.amazonaws.com" });

        Assert.Equal("true", context.Value("kms:GrantIsForAWSResource"));
    }

    [Fact]
    public void a_direct_grant_operation_is_not_for_an_aws_resource()
    {
        Assert.Equal("false", Build("CreateGrant", Grant, Key()).Value("kms:GrantIsForAWSResource"));
    }

    [Fact]
    public void grant_is_for_aws_resource_does_not_apply_to_retire_grant()
    {
        var context = KmsConditionKeys.Build(Call("RetireGrant", new RetireGrantRequest(), Key()) with { ViaService = "ec2.us-east-1.amazonaws.com" });

        Assert.False(context.Has("kms:GrantIsForAWSResource"));
        Assert.Equal("ec2.us-east-1.amazonaws.com", context.Value("kms:ViaService"));
    }
}
