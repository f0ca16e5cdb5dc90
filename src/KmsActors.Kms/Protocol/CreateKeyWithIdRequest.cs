using KmsActors.Kms.Model;

namespace KmsActors.Kms.Protocol;

/// <summary>
/// Not an AWS operation: CreateKey with a key ID chosen by the caller, for keys that must keep a fixed ID across
/// runs (kms.seed). Sent as a <see cref="KmsCommand"/>'s request; the region checks the ID and then creates the key
/// exactly as CreateKey does (same rules, same reply, audited as CreateKey). A key ID already in use answers
/// AlreadyExistsException. Single-Region IDs are UUIDs; multi-Region IDs are "mrk-" and 32 hex digits.
/// </summary>
public sealed record CreateKeyWithIdRequest(string KeyId, CreateKeyRequest CreateKey);
