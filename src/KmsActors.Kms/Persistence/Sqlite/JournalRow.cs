namespace KmsActors.Kms.Persistence.Sqlite;

/// <summary>One serialized event, ready for the writer thread (serialization happens on the journal actor).</summary>
internal readonly record struct JournalRow(
    string PersistenceId,
    long SequenceNr,
    string Manifest,
    int SerializerId,
    byte[] Payload,
    string EventManifest,
    string WriterUuid,
    string? Tags,
    long Timestamp);
