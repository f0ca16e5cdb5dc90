using KmsActors.Kms.Audit;

namespace KmsActors.Console.Live;

/// <summary>An audit record as the console keeps it: numbered in the order the console received it (the server-sent
/// event's id, so a page or a reconnecting stream asks for what came after), its CloudTrail JSON rendered once, on first
/// read (most records are never shown).</summary>
public sealed class AuditEntry(long sequence, AuditRecord record)
{
    private string? _json;

    public long Sequence { get; } = sequence;

    public AuditRecord Record { get; } = record;

    /// <summary>The record as CloudTrail writes it, on one line (AuditJson).</summary>
    public string Json => _json ??= AuditJson.Render(Record);

    /// <summary>The record as CloudTrail writes it, indented, for a row's details.</summary>
    public string IndentedJson => AuditJson.Render(Record, indented: true);

    /// <summary>The key the event is about (AuditKeys.KeyOf), or null.</summary>
    public string? KeyId => AuditKeys.KeyOf(Record);

    /// <summary>Who acted: userIdentity.arn, or invokedBy ("AWS Internal") for a service event.</summary>
    public string Principal => Record.UserIdentity.Arn ?? Record.UserIdentity.InvokedBy ?? Record.UserIdentity.AccountId;
}
