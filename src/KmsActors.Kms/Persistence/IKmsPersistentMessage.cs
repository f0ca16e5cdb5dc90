namespace KmsActors.Kms.Persistence;

/// <summary>Marks every event and snapshot the engine persists; HOCON binds it to <see cref="KmsEventSerializer"/>.</summary>
public interface IKmsPersistentMessage;
