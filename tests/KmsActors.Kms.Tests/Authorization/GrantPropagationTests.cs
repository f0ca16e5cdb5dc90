using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>kms.realism.eventual-consistency.grant-delay through the engine, on virtual time (docs/grants.md): a new
/// grant allows nothing before the delay unless the request passes its grant token, and everything it grants after.</summary>
public sealed class GrantPropagationTests() : ConditionKeyTestBase(Iam((Nobody, null))
    + "kms.realism.eventual-consistency { enabled = on, window = 0s, grant-delay = 5s }\n")
{
    private static readonly string Nobody = Role("nobody");

    [Fact]
    public async Task a_grant_is_effective_at_once_with_its_token_and_for_every_request_after_the_delay()
    {
        var key = await NewKey();
        var grant = await Engine.CreateGrant(new CreateGrantRequest { KeyId = key.KeyId, GranteePrincipal = Nobody, Operations = [GrantOperation.Encrypt] });

        await AssertRefused(() => EncryptAs(Nobody, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Nobody, "kms:Encrypt", key.Arn!));
        var withToken = await Engine.Encrypt(new EncryptRequest { KeyId = key.KeyId, Plaintext = "hello"u8.ToArray(), GrantTokens = [grant.GrantToken!] }, As(Nobody));
        Assert.Equal(key.Arn, withToken.KeyId);

        await AdvanceAsync(TimeSpan.FromSeconds(4));
        await AssertRefused(() => EncryptAs(Nobody, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Nobody, "kms:Encrypt", key.Arn!));
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(key.Arn, (await EncryptAs(Nobody, key.KeyId!)).KeyId);
    }
}
