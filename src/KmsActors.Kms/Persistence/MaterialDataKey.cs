namespace KmsActors.Kms.Persistence;

/// <summary>
/// The random AES-256 key that seals one material of one key (a "data key" in the sense of envelope encryption at
/// rest, not a GenerateDataKey result). Lives unsealed only in the memory of the key actor that uses it.
/// </summary>
public sealed record MaterialDataKey(string Id, byte[] Key);
