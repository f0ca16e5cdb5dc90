using System.Globalization;
using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>IAM's global condition keys and the KMS keys of the caller through the engine: aws:PrincipalArn,
/// aws:PrincipalAccount, aws:PrincipalType, aws:userid, aws:username, aws:RequestedRegion, aws:CurrentTime,
/// aws:EpochTime (on virtual time), aws:SecureTransport, aws:SourceIp, kms:CallerAccount, kms:ViaService
/// (docs/condition-keys.md). Keys about who calls are tested in key policies whose statement names every principal
/// ("*") under the condition, as AWS's examples write them.</summary>
public sealed class GlobalConditionKeyTests() : ConditionKeyTestBase(Config)
{
    private const string Partner = "arn:aws:iam::444455556666:root";
    private const string AppWorker = "arn:aws:sts::111122223333:assumed-role/app/worker";
    private const string AppBatch = "arn:aws:sts::111122223333:assumed-role/app/batch";
    private const string OtherWorker = "arn:aws:sts::111122223333:assumed-role/other/worker";
    private const string Alice = "arn:aws:iam::111122223333:user/alice";
    private const string Bob = "arn:aws:iam::111122223333:user/bob";
    private static readonly string Other = Role("other");
    private static readonly string Regional = Role("regional");
    private static readonly string TimeBound = Role("clock");
    private static readonly string Secure = Role("secure");
    private static readonly string Insecure = Role("insecure");
    private static readonly string Office = Role("office");
    private static readonly string ViaEc2 = Role("via-ec2");
    private static readonly string Direct = Role("direct");

    private static readonly string Config = Iam(
        (Role("app"), null), (Other, null), (Alice, null), (Bob, null), (TimeBound, null),
        (Regional, Allow("kms:CreateKey", """{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}""")),
        (Secure, Allow("kms:Encrypt", """{"Bool":{"aws:SecureTransport":true}}""")),
        (Insecure, Allow("kms:Encrypt", """{"Bool":{"aws:SecureTransport":false}}""")),
        (Office, Allow("kms:Encrypt", """{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}""")),
        (ViaEc2, Allow("kms:Encrypt", """{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}""")),
        (Direct, Allow("kms:Encrypt", """{"Null":{"kms:ViaService":true}}""")));

    /// <summary>A key whose policy also lets every principal Encrypt under <paramref name="condition"/>.</summary>
    private Task<KeyMetadata> KeyForAnyoneWhen(string condition) => NewKey(new CreateKeyRequest
    {
        Policy = KeyPolicy($$"""{"Sid":"Encrypt when","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Encrypt","Resource":"*","Condition":{{condition}}}"""),
    });

    [Fact]
    public async Task principal_arn_of_a_role_session_is_the_roles_arn()
    {
        var key = await KeyForAnyoneWhen("""{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/app"}}""");

        Assert.Equal(key.Arn, (await EncryptAs(AppWorker, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(OtherWorker, key.KeyId!), "AccessDeniedException", NoIdentityAllow(OtherWorker, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task principal_account_is_the_callers_account()
    {
        var key = await KeyForAnyoneWhen("""{"StringEquals":{"aws:PrincipalAccount":"444455556666"}}""");

        Assert.Equal(key.Arn, (await EncryptAs(Partner, key.Arn!)).KeyId);
        await AssertRefused(() => EncryptAs(Other, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Other, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task caller_account_is_the_callers_account()
    {
        var key = await KeyForAnyoneWhen("""{"StringEquals":{"kms:CallerAccount":"111122223333"}}""");

        Assert.Equal(key.Arn, (await EncryptAs(Other, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(Partner, key.Arn!), "AccessDeniedException", NoResourceAllow(Partner, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task principal_type_tells_users_from_roles()
    {
        var key = await KeyForAnyoneWhen("""{"StringEquals":{"aws:PrincipalType":"User"}}""");

        Assert.Equal(key.Arn, (await EncryptAs(Alice, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(AppWorker, key.KeyId!), "AccessDeniedException", NoIdentityAllow(AppWorker, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task userid_of_a_role_session_ends_with_the_session_name()
    {
        var key = await KeyForAnyoneWhen("""{"StringLike":{"aws:userid":"AROA*:worker"}}""");

        Assert.Equal(key.Arn, (await EncryptAs(AppWorker, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(AppBatch, key.KeyId!), "AccessDeniedException", NoIdentityAllow(AppBatch, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task username_is_the_iam_users_name()
    {
        var key = await KeyForAnyoneWhen("""{"StringEquals":{"aws:username":"alice"}}""");

        Assert.Equal(key.Arn, (await EncryptAs(Alice, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(Bob, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Bob, "kms:Encrypt", key.Arn!));
        // A role has no aws:username.
        await AssertRefused(() => EncryptAs(AppWorker, key.KeyId!), "AccessDeniedException", NoIdentityAllow(AppWorker, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task requested_region_is_the_region_the_call_is_sent_to()
    {
        var created = (await Engine.CreateKey(new CreateKeyRequest(), As(Regional), UsEast1)).KeyMetadata!;
        Assert.StartsWith("arn:aws:kms:us-east-1:", created.Arn, StringComparison.Ordinal);
        var count = await KeyCount(EuWest1);

        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest(), As(Regional), EuWest1), "AccessDeniedException",
            NoIdentityAllow(Regional, "kms:CreateKey", "*"));
        Assert.Equal(count, await KeyCount(EuWest1));
    }

    [Fact]
    public async Task current_time_is_the_engines_virtual_now()
    {
        var until = EngineNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await AllowedUntilThenRefused($$$"""{"DateLessThan":{"aws:CurrentTime":"{{{until}}}"}}""");
    }

    [Fact]
    public async Task epoch_time_is_the_engines_virtual_now_in_seconds()
    {
        var until = EngineNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        await AllowedUntilThenRefused($$$"""{"DateLessThan":{"aws:EpochTime":"{{{until}}}"}}""");
    }

    /// <summary>role/clock may Encrypt under <paramref name="condition"/> (an hour from now); two hours later it may not.</summary>
    private async Task AllowedUntilThenRefused(string condition)
    {
        var key = await NewKey(new CreateKeyRequest
        {
            Policy = KeyPolicy($$"""{"Sid":"Encrypt for an hour","Effect":"Allow","Principal":{"AWS":"{{TimeBound}}"},"Action":"kms:Encrypt","Resource":"*","Condition":{{condition}}}"""),
        });

        Assert.Equal(key.Arn, (await EncryptAs(TimeBound, key.KeyId!)).KeyId);
        await AdvanceAsync(TimeSpan.FromHours(2));
        await AssertRefused(() => EncryptAs(TimeBound, key.KeyId!), "AccessDeniedException", NoIdentityAllow(TimeBound, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task secure_transport_is_always_true()
    {
        var key = await NewKey();

        Assert.Equal(key.Arn, (await EncryptAs(Secure, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(Insecure, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Insecure, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task source_ip_is_the_callers_address()
    {
        var key = await NewKey();

        Assert.Equal(key.Arn, (await EncryptAs(As(Office) with { SourceIpAddress = "10.1.2.3" }, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(As(Office) with { SourceIpAddress = "192.168.1.10" }, key.KeyId!), "AccessDeniedException",
            NoIdentityAllow(Office, "kms:Encrypt", key.Arn!));
        // CallerIdentity's default address, 127.0.0.1.
        await AssertRefused(() => EncryptAs(Office, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Office, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task via_service_is_absent_for_a_direct_call()
    {
        var key = await NewKey();

        Assert.Equal(key.Arn, (await EncryptAs(Direct, key.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(ViaEc2, key.KeyId!), "AccessDeniedException", NoIdentityAllow(ViaEc2, "kms:Encrypt", key.Arn!));
    }
}
