using System.Collections;
using Akka.Configuration;
using KmsActors.Kms.Configuration;
using KmsActors.Server.Signing;

namespace KmsActors.Server.Tests.Signing;

/// <summary>kms.server.credentials: an access key's account is its principal's.</summary>
public sealed class KmsServerSettingsTests
{
    private static KmsServerSettings Load(string credentials) =>
        KmsServerSettings.From(KmsConfiguration.Load("kms.journal.provider = inmem\nkms.server.credentials { " + credentials + " }", environment: new Hashtable()));

    [Fact]
    public void a_principal_arn_names_the_account_of_its_access_key()
    {
        var settings = Load("""
            AKIDPARTNER { principal = "arn:aws:iam::444455556666:role/partner" }
            AKIDROOT { account-id = "555566667777" }
            """);
        Assert.Equal(("444455556666", "arn:aws:iam::444455556666:role/partner"), (settings.Credentials["AKIDPARTNER"].AccountId, settings.Credentials["AKIDPARTNER"].PrincipalArn));
        Assert.Equal(("555566667777", "arn:aws:iam::555566667777:root"), (settings.Credentials["AKIDROOT"].AccountId, settings.Credentials["AKIDROOT"].PrincipalArn));
    }

    [Fact]
    public void an_account_id_that_differs_from_the_principals_account_stops_the_start()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("""AKIDAPP { account-id = "111122223333", principal = "arn:aws:iam::444455556666:role/app" }"""));
        Assert.Contains("AKIDAPP", error.Message);
    }
}
