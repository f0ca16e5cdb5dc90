using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace KmsActors.Kms.Crypto;

/// <summary>
/// Ready <see cref="AesGcm"/> objects for one fixed key (the import-token key, the vault's master key), reused from call
/// to call: creating one sets up an OpenSSL cipher context and key schedule, which costs several times as much as
/// sealing a small value with it (docs/byok.md, "Speed"). Thread-safe: an object is rented by one thread at a time and
/// handed back after use (also after a failed decryption: each operation starts afresh). At most four per core are
/// kept idle; the rest are disposed on return.
/// </summary>
internal sealed class AesGcmPool : IDisposable
{
    private readonly byte[] _key;
    private readonly int _tagSize;
    private readonly int _maxIdle = Environment.ProcessorCount * 4;
    private readonly ConcurrentQueue<AesGcm> _idle = new();
    /// <summary>Objects in <see cref="_idle"/> (ConcurrentBag.Count and ConcurrentQueue.Count are not free on every return).</summary>
    private int _idleCount;
    private volatile bool _disposed;

    public AesGcmPool(ReadOnlySpan<byte> key, int tagSize)
    {
        _key = key.ToArray();
        _tagSize = tagSize;
    }

    public AesGcm Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryDequeue(out var aes))
        {
            Interlocked.Decrement(ref _idleCount);
            return aes;
        }
        return new AesGcm(_key, _tagSize);
    }

    public void Return(AesGcm aes)
    {
        if (_disposed)
        {
            aes.Dispose();
            return;
        }
        if (Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            aes.Dispose();
            return;
        }
        _idle.Enqueue(aes);
        if (_disposed && _idle.TryDequeue(out var late)) // Dispose ran meanwhile: nothing is kept after it
            late.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryDequeue(out var aes))
            aes.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }
}
