using KmsActors.Kms.Model;

namespace KmsActors.Kms.Tests.Regions;

public sealed class ListingTests : RegionTestBase
{
    [Fact]
    public async Task list_keys_pages_through_all_keys_in_a_stable_order()
    {
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
            created.Add(await CreateKey());

        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var page = await Engine.ListKeys(new ListKeysRequest { Limit = 2, Marker = marker });
            seen.AddRange(page.Keys!.Select(k => k.KeyId!));
            Assert.All(page.Keys!, k => Assert.Equal(KeyArn(k.KeyId!), k.KeyArn));
            Assert.Equal(page.Truncated == true, page.NextMarker is not null);
            marker = page.NextMarker;
            pages++;
        } while (marker is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(StringComparer.Ordinal), seen);
    }

    [Theory]
    [InlineData(0, "greater than or equal to 1")]
    [InlineData(1001, "less than or equal to 1000")]
    public async Task a_limit_outside_1_to_1000_is_ValidationException(int limit, string rule)
    {
        var keys = await Refused(() => Engine.ListKeys(new ListKeysRequest { Limit = limit }));
        var aliases = await Refused(() => Engine.ListAliases(new ListAliasesRequest { Limit = limit }));
        Assert.Equal(KmsErrorCodes.ValidationException, keys.ErrorCode);
        Assert.Contains(rule, keys.Message);
        Assert.Equal(KmsErrorCodes.ValidationException, aliases.ErrorCode);
    }

    [Fact]
    public async Task the_default_limit_is_100()
    {
        for (var i = 0; i < 101; i++)
            await Engine.CreateKey(new CreateKeyRequest());
        await Engine.Settle();
        var page = await Engine.ListKeys(new ListKeysRequest());
        Assert.Equal((100, true), (page.Keys!.Count, page.Truncated!.Value));
    }

    [Theory]
    [InlineData("not base64 !")]
    [InlineData("YWxpYXNlczphbGlhcy94")] // an alias marker ("aliases:alias/x") given to ListKeys
    public async Task a_marker_that_was_not_issued_is_InvalidMarker(string marker)
    {
        var error = await Refused(() => Engine.ListKeys(new ListKeysRequest { Marker = marker }));
        Assert.Equal(KmsErrorCodes.InvalidMarkerException, error.ErrorCode);
    }

    [Fact]
    public async Task list_aliases_filters_by_key_and_pages()
    {
        var mine = await CreateKey();
        var other = await CreateKey();
        foreach (var name in new[] { "alias/a", "alias/b", "alias/c" })
            await Engine.CreateAlias(new CreateAliasRequest { AliasName = name, TargetKeyId = mine });
        await Engine.CreateAlias(new CreateAliasRequest { AliasName = "alias/bb", TargetKeyId = other });

        var first = await Engine.ListAliases(new ListAliasesRequest { KeyId = KeyArn(mine), Limit = 2 });
        var second = await Engine.ListAliases(new ListAliasesRequest { KeyId = mine, Limit = 2, Marker = first.NextMarker });

        Assert.Equal(["alias/a", "alias/b"], first.Aliases!.Select(a => a.AliasName));
        Assert.True(first.Truncated);
        Assert.Equal(["alias/c"], second.Aliases!.Select(a => a.AliasName));
        Assert.Equal((false, null), (second.Truncated!.Value, second.NextMarker));
    }

    [Fact]
    public async Task list_aliases_for_an_unknown_key_is_NotFound()
    {
        var error = await Refused(() => Engine.ListAliases(new ListAliasesRequest { KeyId = Guid.NewGuid().ToString() }));
        Assert.Equal(KmsErrorCodes.NotFoundException, error.ErrorCode);
    }

    [Fact]
    public async Task generate_random_returns_the_number_of_bytes_asked_for()
    {
        var random = await Engine.GenerateRandom(new GenerateRandomRequest { NumberOfBytes = 1024 });
        Assert.Equal(1024, random.Plaintext!.Length);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public async Task generate_random_outside_1_to_1024_bytes_is_ValidationException(int count)
    {
        var error = await Refused(() => Engine.GenerateRandom(new GenerateRandomRequest { NumberOfBytes = count }));
        Assert.Equal(KmsErrorCodes.ValidationException, error.ErrorCode);
        Assert.Contains("'numberOfBytes'", error.Message);
    }
}
