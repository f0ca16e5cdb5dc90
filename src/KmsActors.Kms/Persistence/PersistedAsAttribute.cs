namespace KmsActors.Kms.Persistence;

/// <summary>
/// The name and version under which an event or snapshot type is written to the journal (its serializer
/// manifest, e.g. "KeyCreated.v1"). Renaming a C# type keeps old journals readable as long as the attribute
/// keeps its name; a changed shape gets a new version and the old one stays readable through an upcaster.
/// Types without the attribute are written as "&lt;TypeName&gt;.v1". A shape that only grew (new optional members)
/// reads its older versions itself: <see cref="ReadsSince"/> names the oldest, e.g. version 2 of KeyMaterialImported
/// added sealed material and still reads version 1's plain material.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PersistedAsAttribute(string name, int version = 1) : Attribute
{
    public string Name { get; } = name;
    public int Version { get; } = version;
    public string Manifest => $"{Name}.v{Version}";
    /// <summary>The oldest version this type reads (defaults to <see cref="Version"/>: only its own).</summary>
    public int ReadsSince { get; init; }

    /// <summary>Every manifest this type reads, its own first.</summary>
    public IEnumerable<string> ReadableManifests()
    {
        yield return Manifest;
        for (var version = Version - 1; version >= (ReadsSince == 0 ? Version : ReadsSince); version--)
            yield return $"{Name}.v{version}";
    }
}
