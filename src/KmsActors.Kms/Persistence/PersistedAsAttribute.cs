namespace KmsActors.Kms.Persistence;

/// <summary>
/// The name and version under which an event or snapshot type is written to the journal (its serializer
/// manifest, e.g. "KeyCreated.v1"). Renaming a C# type keeps old journals readable as long as the attribute
/// keeps its name; a changed shape gets a new version and the old one stays readable through an upcaster.
/// Types without the attribute are written as "&lt;TypeName&gt;.v1".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PersistedAsAttribute(string name, int version = 1) : Attribute
{
    public string Name { get; } = name;
    public int Version { get; } = version;
    public string Manifest => $"{Name}.v{Version}";
}
