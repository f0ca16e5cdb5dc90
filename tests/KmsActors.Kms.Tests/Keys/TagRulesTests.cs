using KmsActors.Kms.Keys;
using KmsActors.Kms.Model;
using static KmsActors.Kms.Tests.Keys.TestKeys;

namespace KmsActors.Kms.Tests.Keys;

/// <summary>Tag keys once per request and at most 50 tags on a key: TagException (docs/check-order.md).</summary>
public sealed class TagRulesTests
{
    private static List<Tag> Tags(int count, string prefix = "k") =>
        Enumerable.Range(1, count).Select(i => new Tag { TagKey = $"{prefix}{i}", TagValue = "v" }).ToList();

    private static readonly List<Tag> Duplicated = [new Tag { TagKey = "team", TagValue = "a" }, new Tag { TagKey = "team", TagValue = "b" }];

    [Fact]
    public void create_key_with_a_tag_key_twice_is_TagException()
    {
        Refused(KmsErrorCodes.TagException, "Duplicate tag keys", () => Create(new CreateKeyRequest { Tags = Duplicated }));
    }

    [Fact]
    public void tag_keys_differing_only_in_case_are_two_tags()
    {
        var key = Create(new CreateKeyRequest { Tags = [new Tag { TagKey = "Team", TagValue = "a" }, new Tag { TagKey = "team", TagValue = "b" }] });
        Assert.Equal(["Team", "team"], key.Tags.Keys);
    }

    [Fact]
    public void tag_resource_with_a_tag_key_twice_is_TagException_and_changes_nothing()
    {
        var key = Create(new CreateKeyRequest { Tags = Tags(1) });
        Refused(KmsErrorCodes.TagException, "Duplicate tag keys",
            () => KeyRules.Decide(key, new TagResourceRequest { KeyId = "k", Tags = Duplicated }, Context()));
        Assert.Equal(["k1"], key.Tags.Keys);
    }

    [Fact]
    public void replicate_key_with_a_tag_key_twice_is_TagException()
    {
        var primary = Create(new CreateKeyRequest { MultiRegion = true });
        Refused(KmsErrorCodes.TagException, "Duplicate tag keys",
            () => KeyRules.Decide(primary, new ReplicateKeyRequest { KeyId = "k", ReplicaRegion = "eu-west-1", Tags = Duplicated }, Context()));
    }

    [Fact]
    public void create_key_takes_50_tags_and_refuses_51_with_TagException()
    {
        Assert.Equal(50, Create(new CreateKeyRequest { Tags = Tags(50) }).Tags.Count);
        Refused(KmsErrorCodes.TagException, "Too many tags", () => Create(new CreateKeyRequest { Tags = Tags(51) }));
    }

    [Fact]
    public void tag_resource_counts_the_tags_already_on_the_key()
    {
        var key = Create(new CreateKeyRequest { Tags = Tags(49) });
        key = Run(key, new TagResourceRequest { KeyId = "k", Tags = Tags(1, "new") }, Context());
        Assert.Equal(50, key.Tags.Count);

        Refused(KmsErrorCodes.TagException, "Too many tags",
            () => KeyRules.Decide(key, new TagResourceRequest { KeyId = "k", Tags = Tags(1, "more") }, Context()));
        Assert.Equal(50, key.Tags.Count);
    }

    [Fact]
    public void retagging_keys_already_on_a_full_key_replaces_their_values_and_is_accepted()
    {
        var key = Create(new CreateKeyRequest { Tags = Tags(50) });
        var retagged = Tags(50).Select(t => t with { TagValue = "changed" }).ToList();

        key = Run(key, new TagResourceRequest { KeyId = "k", Tags = retagged }, Context());

        Assert.Equal(50, key.Tags.Count);
        Assert.All(key.Tags.Values, value => Assert.Equal("changed", value));
    }

    [Fact]
    public void a_key_pending_deletion_answers_its_state_before_the_tag_count()
    {
        var key = Create(new CreateKeyRequest { Tags = Tags(50) });
        key = Run(key, new ScheduleKeyDeletionRequest { KeyId = "k", PendingWindowInDays = 7 }, Context());
        Refused(KmsErrorCodes.KMSInvalidStateException, $"{key.Arn} is pending deletion.",
            () => KeyRules.Decide(key, new TagResourceRequest { KeyId = "k", Tags = Tags(1, "more") }, Context()));
    }
}
