using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace KmsActors.Kms.Audit;

/// <summary>Renders an <see cref="AuditRecord"/> as CloudTrail JSON: CloudTrail's member names and order
/// (eventVersion, userIdentity, eventTime as ISO-8601 "Z", …), requestParameters / responseElements written
/// as null when absent, optional members (errorCode, errorMessage, additionalEventData, requestID, serviceEventDetails)
/// left out when absent (docs/audit.md).</summary>
public static class AuditJson
{
    public static string Render(AuditRecord record, bool indented = false)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
            Write(writer, record);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, AuditRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("eventVersion", record.EventVersion);
        WriteIdentity(writer, record.UserIdentity);
        // CloudTrail: eventTime is UTC with second precision, e.g. "2022-08-10T22:38:27Z".
        writer.WriteString("eventTime", record.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("eventSource", record.EventSource);
        writer.WriteString("eventName", record.EventName);
        writer.WriteString("awsRegion", record.AwsRegion);
        writer.WriteString("sourceIPAddress", record.SourceIPAddress);
        writer.WriteString("userAgent", record.UserAgent);
        WriteIfPresent(writer, "errorCode", record.ErrorCode);
        WriteIfPresent(writer, "errorMessage", record.ErrorMessage);
        writer.WritePropertyName("requestParameters");
        WriteValue(writer, record.RequestParameters);
        writer.WritePropertyName("responseElements");
        WriteValue(writer, record.ResponseElements);
        if (record.AdditionalEventData is { } additional)
        {
            writer.WritePropertyName("additionalEventData");
            WriteValue(writer, additional);
        }
        WriteIfPresent(writer, "requestID", record.RequestID);
        writer.WriteString("eventID", record.EventID);
        writer.WriteBoolean("readOnly", record.ReadOnly);
        writer.WriteStartArray("resources");
        foreach (var resource in record.Resources)
        {
            writer.WriteStartObject();
            writer.WriteString("accountId", resource.AccountId);
            writer.WriteString("type", resource.Type);
            writer.WriteString("ARN", resource.Arn);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("eventType", record.EventType);
        writer.WriteBoolean("managementEvent", record.ManagementEvent);
        writer.WriteString("recipientAccountId", record.RecipientAccountId);
        if (record.ServiceEventDetails is { } details)
            WriteDetails(writer, details);
        writer.WriteString("eventCategory", record.EventCategory);
        writer.WriteEndObject();
    }

    /// <summary>serviceEventDetails in AWS's member order: RotateKey's rotation members before the key ID,
    /// DeleteExpiredKeyMaterial's key ID before the material ID.</summary>
    private static void WriteDetails(Utf8JsonWriter writer, AuditServiceEventDetails details)
    {
        writer.WriteStartObject("serviceEventDetails");
        WriteIfPresent(writer, "rotationType", details.RotationType);
        WriteIfPresent(writer, "keyOrigin", details.KeyOrigin);
        WriteIfPresent(writer, "previousKeyMaterialId", details.PreviousKeyMaterialId);
        WriteIfPresent(writer, "currentKeyMaterialId", details.CurrentKeyMaterialId);
        writer.WriteString("keyId", details.KeyId);
        WriteIfPresent(writer, "keyMaterialId", details.KeyMaterialId);
        writer.WriteEndObject();
    }

    private static void WriteIdentity(Utf8JsonWriter writer, AuditUserIdentity identity)
    {
        writer.WriteStartObject("userIdentity");
        WriteIfPresent(writer, "type", identity.Type);
        WriteIfPresent(writer, "principalId", identity.PrincipalId);
        WriteIfPresent(writer, "arn", identity.Arn);
        writer.WriteString("accountId", identity.AccountId);
        WriteIfPresent(writer, "accessKeyId", identity.AccessKeyId);
        WriteIfPresent(writer, "invokedBy", identity.InvokedBy);
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
            writer.WriteString(name, value);
    }

    /// <summary>Values of the request/response maps: what <see cref="AuditRedaction"/> produces.</summary>
    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string s: writer.WriteStringValue(s); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case double d: writer.WriteNumberValue(d); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                writer.WriteStartObject();
                foreach (var (name, member) in map)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, member);
                }
                writer.WriteEndObject();
                break;
            case IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                    WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
