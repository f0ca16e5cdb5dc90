using System.Collections.Immutable;

namespace KmsActors.Kms.Keys;

/// <summary>UntagResource (keys that are not present are ignored, as AWS does).</summary>
public sealed record KeyTagsRemoved(ImmutableList<string> TagKeys) : IKeyEvent;
