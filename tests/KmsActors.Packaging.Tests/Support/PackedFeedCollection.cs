namespace KmsActors.Packaging.Tests.Support;

/// <summary>The test classes that share one <see cref="PackedFeed"/>: packed once, used by all of them in turn.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
