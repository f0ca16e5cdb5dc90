using System.Collections.Immutable;

namespace KmsActors.Kms.Keys;

/// <summary>TagResource: tags added or their values replaced.</summary>
public sealed record KeyTagsAdded(ImmutableSortedDictionary<string, string> Tags) : IKeyEvent;
