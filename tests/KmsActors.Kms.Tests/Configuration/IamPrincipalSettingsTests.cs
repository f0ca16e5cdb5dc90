using System.Collections;
using Akka.Configuration;
using KmsActors.Kms.Configuration;
using KmsActors.Kms.Policy;

namespace KmsActors.Kms.Tests.Configuration;

/// <summary>kms.iam.principals: principals by ARN with identity policies inline or from files, compiled at start.</summary>
public sealed class IamPrincipalSettingsTests
{
    private const string EncryptOnly = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}""";

    private static Config Load(string hocon) => KmsConfiguration.Load("kms.journal.provider = inmem\n" + hocon, environment: new Hashtable());

    [Fact]
    public void nothing_configured_is_no_principals()
    {
        Assert.Empty(IamPrincipalSettings.ReadAll(Load("")));
    }

    [Fact]
    public void policies_are_read_inline_and_from_files_and_a_session_gets_its_roles_policies()
    {
        var file = Path.Combine(Path.GetTempPath(), $"kms-iam-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}""");
        try
        {
            var principals = IamPrincipalSettings.ReadAll(Load($$""""
                kms.iam.principals = [
                  { arn = "arn:aws:iam::111122223333:role/app", policies = ["""{{EncryptOnly}}"""], policy-files = ["{{file}}"] }
                  { arn = "arn:aws:iam::111122223333:user/alice" }
                ]
                """"));

            Assert.Equal(["arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:user/alice"], principals.Select(p => p.Arn));
            Assert.Equal(2, principals[0].Policies.Count);
            Assert.Empty(principals[1].Policies);
            var authorizer = new Authorizer(principals);
            var session = PrincipalInfo.FromArn("arn:aws:sts::111122223333:assumed-role/app/batch-7");
            Assert.Equal(2, authorizer.IdentityPoliciesOf(session).Count);
            Assert.Empty(authorizer.IdentityPoliciesOf(PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/alice")));
            Assert.Empty(authorizer.IdentityPoliciesOf(PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/bob")));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("arn:aws:iam::111122223333:root")]
    [InlineData("111122223333")]
    [InlineData("arn:aws:iam::1111:user/short-account")]
    [InlineData("kms.amazonaws.com")]
    public void an_entry_that_is_no_user_or_role_arn_stops_the_start(string arn)
    {
        var error = Assert.Throws<ConfigurationException>(() => IamPrincipalSettings.ReadAll(Load($"kms.iam.principals = [ {{ arn = \"{arn}\" }} ]")));
        Assert.Contains("kms.iam.principals[0].arn", error.Message);
    }

    [Theory]
    [InlineData("", 1)] // nothing configured: unlisted principals are administrators, so naming a caller changes nothing
    [InlineData("kms.iam.principals = [ { arn = \"arn:aws:iam::111122223333:role/app\" } ]", 0)]
    [InlineData("kms.iam.unlisted-principals = no-permissions", 0)]
    [InlineData("kms.iam { unlisted-principals = full-access, principals = [ { arn = \"arn:aws:iam::111122223333:role/app\" } ] }", 1)]
    public void an_unlisted_principal_has_full_access_only_while_nothing_is_listed_unless_configured(string hocon, int policies)
    {
        var authorizer = Authorizer.From(Load(hocon));
        Assert.Equal(policies, authorizer.IdentityPoliciesOf(PrincipalInfo.FromArn("arn:aws:iam::111122223333:user/bob")).Count);
    }

    [Fact]
    public void an_unknown_unlisted_principals_mode_stops_the_start()
    {
        var error = Assert.Throws<ConfigurationException>(() => Authorizer.From(Load("kms.iam.unlisted-principals = everyone")));
        Assert.Contains("kms.iam.unlisted-principals = everyone", error.Message);
    }

    [Fact]
    public void a_stored_key_policy_that_no_longer_parses_is_read_as_the_accounts_default_policy()
    {
        // Before policies were validated, any JSON object was accepted and may be in a journal.
        var authorizer = new Authorizer([]);
        var legacy = authorizer.KeyPolicy("{}", "111122223333");
        Assert.Equal(KmsActors.Kms.Keys.KeyRules.DefaultPolicy("aws", "111122223333"), legacy.Json);
        var root = new AuthorizationRequest
        {
            Principal = PrincipalInfo.Root("111122223333"), Action = "kms:PutKeyPolicy",
            Resource = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", ResourceAccount = "111122223333",
        };
        Assert.True(authorizer.Authorize(root, legacy).IsAllowed);
    }

    [Fact]
    public void a_missing_policy_file_stops_the_start_naming_the_file()
    {
        var error = Assert.Throws<ConfigurationException>(() => IamPrincipalSettings.ReadAll(Load(
            """kms.iam.principals = [ { arn = "arn:aws:iam::111122223333:role/app", policy-files = ["/nonexistent/app.json"] } ]""")));
        Assert.Contains("/nonexistent/app.json", error.Message);
    }

    [Fact]
    public void a_malformed_identity_policy_stops_the_start()
    {
        var principals = IamPrincipalSettings.ReadAll(Load(
            """kms.iam.principals = [ { arn = "arn:aws:iam::111122223333:role/app", policies = ["not json"] } ]"""));
        var error = Assert.Throws<ConfigurationException>(() => new Authorizer(principals));
        Assert.StartsWith("kms.iam.principals: a policy of arn:aws:iam::111122223333:role/app is malformed:", error.Message);
    }
}
