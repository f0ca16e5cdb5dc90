using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Authorization;

/// <summary>The condition keys about the key and how the request names it, through the engine: kms:RequestAlias,
/// kms:ResourceAliases, kms:MultiRegion, kms:MultiRegionKeyType, aws:ResourceTag/&lt;k&gt;, aws:RequestTag/&lt;k&gt;,
/// aws:TagKeys (docs/condition-keys.md).</summary>
public sealed class ResourceConditionKeyTests() : ConditionKeyTestBase(Config)
{
    private static readonly string ByAlias = Role("by-alias");
    private static readonly string Finance = Role("finance");
    private static readonly string MultiRegional = Role("multi-regional");
    private static readonly string PrimaryOnly = Role("primary-only");
    private static readonly string Alpha = Role("alpha");
    private static readonly string Tagger = Role("tagger");
    private static readonly string LimitedTagger = Role("limited-tagger");

    private static readonly string Config = Iam(
        (ByAlias, Allow("kms:Encrypt", """{"StringEquals":{"kms:RequestAlias":"alias/app"}}""")),
        (Finance, Allow("kms:Encrypt", """{"ForAnyValue:StringEquals":{"kms:ResourceAliases":"alias/finance"}}""")),
        (MultiRegional, Allow("kms:DescribeKey", """{"Bool":{"kms:MultiRegion":true}}""")),
        (PrimaryOnly, Allow("kms:DescribeKey", """{"StringEquals":{"kms:MultiRegionKeyType":"PRIMARY"}}""")),
        (Alpha, Allow("kms:Encrypt", """{"StringEquals":{"aws:ResourceTag/project":"alpha"}}""")),
        (Tagger, """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:CreateKey","Resource":"*"},"""
            + """{"Effect":"Allow","Action":"kms:TagResource","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/project":"alpha"}}}]}"""),
        (LimitedTagger, Allow("kms:TagResource", """{"ForAllValues:StringEquals":{"aws:TagKeys":["project","owner"]}}""")));

    private static List<Tag> Tags(params (string Key, string Value)[] tags) => tags.Select(t => new Tag { TagKey = t.Key, TagValue = t.Value }).ToList();

    private Task Tag(string keyId, List<Tag> tags, string? principal = null) =>
        Engine.Send<global::KmsActors.Kms.Keys.EmptyResponse>(new TagResourceRequest { KeyId = keyId, Tags = tags }, principal is null ? null : As(principal));

    private async Task<IReadOnlyList<(string?, string?)>> TagsOf(string keyId) =>
        (await Engine.Send<ListResourceTagsResponse>(new ListResourceTagsRequest { KeyId = keyId })).Tags!.Select(t => (t.TagKey, t.TagValue)).ToList();

    [Fact]
    public async Task request_alias_is_the_alias_the_request_named_and_absent_by_key_id()
    {
        var key = await NewKey();
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/app", TargetKeyId = key.KeyId });

        Assert.Equal(key.Arn, (await EncryptAs(ByAlias, "alias/app")).KeyId);
        Assert.Equal(key.Arn, (await EncryptAs(ByAlias, $"arn:aws:kms:us-east-1:{Account}:alias/app")).KeyId);
        await AssertRefused(() => EncryptAs(ByAlias, key.KeyId!), "AccessDeniedException", NoIdentityAllow(ByAlias, "kms:Encrypt", key.Arn!));
        await AssertRefused(() => EncryptAs(ByAlias, key.Arn!), "AccessDeniedException", NoIdentityAllow(ByAlias, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task resource_aliases_are_the_keys_aliases_as_the_region_tells_the_key()
    {
        var finance = await NewKey();
        var plain = await NewKey();
        await AssertRefused(() => EncryptAs(Finance, finance.KeyId!), "AccessDeniedException", NoIdentityAllow(Finance, "kms:Encrypt", finance.Arn!));

        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/finance", TargetKeyId = finance.KeyId });

        Assert.Equal(finance.Arn, (await EncryptAs(Finance, finance.KeyId!)).KeyId);
        await AssertRefused(() => EncryptAs(Finance, plain.KeyId!), "AccessDeniedException", NoIdentityAllow(Finance, "kms:Encrypt", plain.Arn!));

        await Engine.DeleteAlias(new DeleteAliasRequest { AliasName = "alias/finance" });
        await AssertRefused(() => EncryptAs(Finance, finance.KeyId!), "AccessDeniedException", NoIdentityAllow(Finance, "kms:Encrypt", finance.Arn!));
    }

    [Fact]
    public async Task multi_region_is_whether_the_key_is_multi_region()
    {
        var multi = await NewKey(new CreateKeyRequest { MultiRegion = true });
        var single = await NewKey();

        Assert.Equal(multi.Arn, (await Engine.DescribeKey(new DescribeKeyRequest { KeyId = multi.KeyId }, As(MultiRegional))).KeyMetadata!.Arn);
        await AssertRefused(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = single.KeyId }, As(MultiRegional)), "AccessDeniedException",
            NoIdentityAllow(MultiRegional, "kms:DescribeKey", single.Arn!));
    }

    [Fact]
    public async Task multi_region_key_type_is_primary_or_replica()
    {
        var primary = await NewKey(new CreateKeyRequest { MultiRegion = true });
        var replica = (await Engine.ReplicateKey(new ReplicateKeyRequest { KeyId = primary.KeyId, ReplicaRegion = EuWest1 })).ReplicaKeyMetadata!;

        Assert.Equal(primary.Arn, (await Engine.DescribeKey(new DescribeKeyRequest { KeyId = primary.KeyId }, As(PrimaryOnly))).KeyMetadata!.Arn);
        await AssertRefused(() => Engine.DescribeKey(new DescribeKeyRequest { KeyId = replica.KeyId }, As(PrimaryOnly), EuWest1), "AccessDeniedException",
            NoIdentityAllow(PrimaryOnly, "kms:DescribeKey", replica.Arn!));
    }

    [Fact]
    public async Task resource_tag_is_the_keys_tag_from_the_moment_it_is_tagged()
    {
        var key = await NewKey();
        await AssertRefused(() => EncryptAs(Alpha, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Alpha, "kms:Encrypt", key.Arn!));

        await Tag(key.KeyId!, Tags(("project", "alpha")));
        Assert.Equal(key.Arn, (await EncryptAs(Alpha, key.KeyId!)).KeyId);

        await Tag(key.KeyId!, Tags(("project", "beta")));
        await AssertRefused(() => EncryptAs(Alpha, key.KeyId!), "AccessDeniedException", NoIdentityAllow(Alpha, "kms:Encrypt", key.Arn!));
    }

    [Fact]
    public async Task request_tag_of_create_key_is_checked_as_tag_resource()
    {
        var created = (await Engine.CreateKey(new CreateKeyRequest { Tags = Tags(("project", "alpha")) }, As(Tagger))).KeyMetadata!;
        Assert.Equal([("project", "alpha")], await TagsOf(created.KeyId!));
        var count = await KeyCount();

        await AssertRefused(() => Engine.CreateKey(new CreateKeyRequest { Tags = Tags(("project", "beta")) }, As(Tagger)), "AccessDeniedException",
            NoIdentityAllow(Tagger, "kms:TagResource", "*"));
        Assert.Equal(count, await KeyCount());
    }

    [Fact]
    public async Task request_tag_of_tag_resource_is_the_requested_value()
    {
        var key = await NewKey();

        await AssertRefused(() => Tag(key.KeyId!, Tags(("project", "beta")), Tagger), "AccessDeniedException",
            NoIdentityAllow(Tagger, "kms:TagResource", key.Arn!));
        Assert.Empty(await TagsOf(key.KeyId!));

        await Tag(key.KeyId!, Tags(("project", "alpha")), Tagger);
        Assert.Equal([("project", "alpha")], await TagsOf(key.KeyId!));
    }

    [Fact]
    public async Task tag_keys_are_the_requested_tag_keys()
    {
        var key = await NewKey();

        await Tag(key.KeyId!, Tags(("project", "alpha"), ("owner", "ops")), LimitedTagger);
        await AssertRefused(() => Tag(key.KeyId!, Tags(("project", "beta"), ("secret", "x")), LimitedTagger), "AccessDeniedException",
            NoIdentityAllow(LimitedTagger, "kms:TagResource", key.Arn!));
        Assert.Equal([("owner", "ops"), ("project", "alpha")], (await TagsOf(key.KeyId!)).Order().ToList());
    }
}
