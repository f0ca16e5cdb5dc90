using System.Collections;
using System.Globalization;
using Newtonsoft.Json;

namespace KmsActors.Kms.Cluster;

/// <summary>
/// Lets Akka's JSON serializer (Newtonsoft, the default for messages between nodes; bound in cluster mode only:
/// ClusterConfiguration) write the collections the engine's records hold that it cannot read back: the compiler's
/// types behind collection expressions (<c>IReadOnlyList&lt;T&gt; x = [a]</c>) and the frozen collections. They are written
/// as plain JSON arrays and objects, which Newtonsoft reads into List and Dictionary for the declared interface type.
/// </summary>
public sealed class ClusterJsonConverter : JsonConverter
{
    public override bool CanRead => false;

    public override bool CanConvert(Type objectType) =>
        objectType.Name.StartsWith("<>z__", StringComparison.Ordinal)
        || objectType.Namespace == "System.Collections.Frozen";

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is IDictionary dictionary)
        {
            writer.WriteStartObject();
            foreach (DictionaryEntry entry in dictionary)
            {
                writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? "");
                serializer.Serialize(writer, entry.Value);
            }
            writer.WriteEndObject();
            return;
        }
        writer.WriteStartArray();
        foreach (var item in (IEnumerable)value!)
            serializer.Serialize(writer, item);
        writer.WriteEndArray();
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
        throw new NotSupportedException("Written as plain JSON; read as the declared interface type.");
}
