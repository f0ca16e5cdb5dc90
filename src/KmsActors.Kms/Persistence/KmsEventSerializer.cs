using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using SerializationException = System.Runtime.Serialization.SerializationException;

namespace KmsActors.Kms.Persistence;

/// <summary>
/// Serializer for everything the engine persists (<see cref="IKmsPersistentMessage"/>): System.Text.Json with a
/// manifest per type and version (<see cref="PersistedAsAttribute"/>), so the journal holds no CLR type names
/// and old events stay readable when types move or grow. Bound in hocon/reference.conf.
/// </summary>
public sealed class KmsEventSerializer : SerializerWithStringManifest
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly ConcurrentDictionary<Type, string> Manifests = new();
    private static readonly ConcurrentDictionary<string, Type> Types = new();
    private static readonly object ScanLock = new();

    public KmsEventSerializer(ExtendedActorSystem system) : base(system)
    {
    }

    public override string Manifest(object o) => ManifestOf(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, TypeOf(manifest), Json)
        ?? throw new SerializationException($"Journal entry with manifest '{manifest}' deserialized to null.");

    public static string ManifestOf(Type type) => Manifests.GetOrAdd(type, static t =>
    {
        var persistedAs = t.GetCustomAttribute<PersistedAsAttribute>();
        IEnumerable<string> readable = persistedAs?.ReadableManifests() ?? [$"{t.Name}.v1"];
        foreach (var manifest in readable)
        {
            var known = Types.GetOrAdd(manifest, t);
            if (known != t)
                throw new InvalidOperationException($"{t.FullName} and {known.FullName} share the journal manifest '{manifest}'; give one a [PersistedAs] name.");
        }
        return readable.First();
    });

    private static Type TypeOf(string manifest)
    {
        if (Types.TryGetValue(manifest, out var type))
            return type;
        lock (ScanLock)
        {
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
                foreach (var candidate in PersistentTypes(assembly))
                    ManifestOf(candidate);
        }
        return Types.TryGetValue(manifest, out type)
            ? type
            : throw new SerializationException($"No event or snapshot type is registered for journal manifest '{manifest}'.");
    }

    private static IEnumerable<Type> PersistentTypes(Assembly assembly)
    {
        if (assembly.IsDynamic)
            return [];
        Type?[] types;
        try { types = assembly.GetTypes(); }
        catch (ReflectionTypeLoadException e) { types = e.Types; }
        return types.Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IKmsPersistentMessage).IsAssignableFrom(t))!;
    }
}
