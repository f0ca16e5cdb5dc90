using KmsActors.Kms.Model;

namespace KmsActors.Kms.Keys;

/// <summary>
/// Published on the ActorSystem's EventStream by a key actor whenever it reports its status to its region (after
/// recovery, after every persisted event, and when the key is gone): what metrics and other observers need to know
/// about a key without asking it. <paramref name="ValidTo"/> is the earliest ValidTo of the key's present material
/// (null: no material expires); <paramref name="Deleted"/>: the key no longer exists.
/// </summary>
public sealed record KeyStateObserved(
    string KeyId,
    string Arn,
    KeyState State,
    KeySpec? KeySpec,
    OriginType? Origin,
    DateTimeOffset? ValidTo,
    bool Deleted);
