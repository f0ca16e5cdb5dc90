namespace KmsActors.Kms.Engine;

/// <summary>
/// Request IDs and audit event IDs: random version-4 UUIDs, as AWS issues. They need to be unique, not secret, so they
/// come from <see cref="Random.Shared"/> (122 random bits) rather than Guid.NewGuid, whose system randomness cost a
/// read syscall each — two per call. Key IDs, which name durable keys, still use Guid.NewGuid.
/// </summary>
internal static class RequestIds
{
    public static string New() => NewGuid().ToString();

    public static Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (Guid's little-endian field layout)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }
}
