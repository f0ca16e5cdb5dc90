using KmsActors.Kms.Model;
using KmsActors.Kms.Policy;
using static KmsActors.Kms.Tests.Policy.ConditionKeys.ContextFixture;

namespace KmsActors.Kms.Tests.Policy.ConditionKeys;

/// <summary>The contract of ConditionContext, for contexts built from a dictionary and for those Build makes.</summary>
public sealed class ConditionContextTests
{
    [Fact]
    public void a_context_from_a_dictionary_finds_its_keys_whatever_their_case()
    {
        var context = new ConditionContext(new Dictionary<string, ConditionValues> { ["kms:ViaService"] = ConditionValues.Single("ec2.us-east-1.amazonaws.com") });

        Assert.True(context.TryGet("KMS:VIASERVICE", out var values));
        Assert.Equal(["ec2.us-east-1.amazonaws.com"], values.Values);
        Assert.Single(context.All);
    }

    [Fact]
    public void with_adds_a_key_to_a_built_context_and_leaves_the_original_unchanged()
    {
        var built = Build("Encrypt", new EncryptRequest(), Key());

        var extended = built.With("kms:ViaService", ConditionValues.Single("rds.us-east-1.amazonaws.com"));

        Assert.Equal("rds.us-east-1.amazonaws.com", extended.Value("kms:viaservice"));
        Assert.False(built.Has("kms:ViaService"));
        Assert.Equal(built.All.Count() + 1, extended.All.Count());
    }

    [Fact]
    public void the_empty_context_has_no_keys()
    {
        Assert.Empty(ConditionContext.Empty.All);
        Assert.False(ConditionContext.Empty.TryGet("aws:PrincipalArn", out _));
    }
}
