using KmsActors.Kms.Engine;
using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>How a caller's ARN reads as an IAM principal: type, aws:PrincipalArn, aws:userid, aws:username.</summary>
public sealed class PrincipalInfoTests
{
    [Fact]
    public void the_root_is_an_account_principal_whose_userid_is_the_account()
    {
        var root = PrincipalInfo.FromArn("arn:aws:iam::111122223333:root");
        Assert.Equal((PrincipalType.Account, "111122223333", "111122223333", null), (root.Type, root.AccountId, root.UserId, root.UserName));
    }

    [Fact]
    public void a_user_has_a_stable_unique_id_and_its_name()
    {
        var alice = PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/division/alice");
        Assert.Equal((PrincipalType.User, "alice"), (alice.Type, alice.UserName));
        Assert.Matches("^AIDA[A-Z2-7]{17}$", alice.UserId);
        Assert.Equal(alice.UserId, PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/division/alice").UserId);
    }

    [Fact]
    public void a_role_session_acts_for_its_role()
    {
        var session = PrincipalInfo.FromArn("arn:aws:sts::111122223333:assumed-role/app/batch-7");
        Assert.Equal((PrincipalType.AssumedRole, "arn:aws:iam::111122223333:role/app"), (session.Type, session.PrincipalArn));
        Assert.Matches("^AROA[A-Z2-7]{17}:batch-7$", session.UserId);
        Assert.StartsWith(PrincipalInfo.FromArn("arn:aws:iam::111122223333:role/app").UserId + ":", session.UserId);
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:group/admins")]
    [InlineData("arn:aws:iam::11112222333:root")]
    [InlineData("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab")]
    [InlineData("arn:aws:sts::111122223333:assumed-role/app")]
    [InlineData("alice")]
    public void what_is_no_principal_arn_is_refused(string arn)
    {
        Assert.False(PrincipalInfo.TryFromArn(arn, out _));
        Assert.Throws<ArgumentException>(() => CallerIdentity.Of(arn));
    }

    [Fact]
    public void a_caller_of_a_principal_arn_belongs_to_the_arns_account_and_compares_by_value()
    {
        var caller = CallerIdentity.Of("arn:aws:iam::444455556666:role/partner");
        Assert.Equal("444455556666", caller.AccountId);
        Assert.Equal(new CallerIdentity("444455556666", "arn:aws:iam::444455556666:role/partner"), caller);
        Assert.Equal(PrincipalType.AssumedRole, (caller with { UserAgent = "cli" }).Principal.Type);
        Assert.Equal(PrincipalType.User, (caller with { PrincipalArn = "arn:aws:iam::444455556666:user/bob" }).Principal.Type);
    }
}
