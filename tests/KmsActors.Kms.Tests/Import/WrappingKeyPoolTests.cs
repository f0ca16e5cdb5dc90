using System.Collections.Concurrent;
using System.Formats.Asn1;
using System.Security.Cryptography;
using KmsActors.Kms.Crypto;
using KmsActors.Kms.Import;
using KmsActors.Kms.Model;
using KmsActors.Kms.Tests.Crypto;

namespace KmsActors.Kms.Tests.Import;

public class WrappingKeyPoolTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Hands out pre-made pairs (each tagged by a fresh array so they can be told apart) and counts calls. After
    /// <c>freeCalls</c> background generations it blocks until released, so a test can observe the pool between a
    /// Take and its refill. Calls made inside <see cref="AsCaller"/> (the test's own Take) are never blocked.
    /// </summary>
    private sealed class ScriptedGenerator(int freeCalls) : IDisposable
    {
        [ThreadStatic] private static bool _inCaller;
        private readonly ManualResetEventSlim _gate = new(false);
        private int _backgroundCalls;

        public ConcurrentQueue<(WrappingKeySpec Spec, bool OnCallerThread)> Calls { get; } = new();

        public WrappingKeyPair Generate(WrappingKeySpec spec)
        {
            var onCaller = _inCaller;
            Calls.Enqueue((spec, onCaller));
            if (!onCaller && Interlocked.Increment(ref _backgroundCalls) > freeCalls)
                _gate.Wait();
            var shared = TestKeys.Wrapping(WrappingKeySpec.RSA_2048);
            return shared with { Spec = spec, PublicKeyDer = shared.PublicKeyDer.ToArray() };
        }

        public void Release() => _gate.Set();

        public T AsCaller<T>(Func<T> take)
        {
            _inCaller = true;
            try
            {
                return take();
            }
            finally
            {
                _inCaller = false;
            }
        }

        public void Dispose() => _gate.Set();
    }

    [Fact]
    public async Task full_waits_for_the_refill_of_a_drained_pool_where_warm_does_not()
    {
        using var generator = new ScriptedGenerator(freeCalls: 2);
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_2048] = 2 }, generator.Generate);
        await pool.FullAsync(CancellationToken.None).WaitAsync(Patience);
        generator.AsCaller(() => pool.Take(WrappingKeySpec.RSA_2048));
        generator.AsCaller(() => pool.Take(WrappingKeySpec.RSA_2048));

        // Drained and the refill held back: warm (reached once) is done, full is not.
        await pool.WarmAsync(CancellationToken.None).WaitAsync(Patience);
        // The refill is held back by the generator, so full cannot have completed, however long one waited.
        var full = pool.FullAsync(CancellationToken.None);
        Assert.False(full.IsCompleted);
        Assert.True(pool.Depth(WrappingKeySpec.RSA_2048) < 2);

        generator.Release();
        await full.WaitAsync(Patience);
        Assert.Equal(2, pool.Depth(WrappingKeySpec.RSA_2048));
    }

    [Fact]
    public async Task warm_pool_hands_out_a_pooled_pair_without_generating_on_the_caller_thread()
    {
        using var generator = new ScriptedGenerator(freeCalls: 2);
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_4096] = 2 }, generator.Generate);
        await pool.WarmAsync(new CancellationTokenSource(Patience).Token);
        Assert.Equal(2, pool.Depth(WrappingKeySpec.RSA_4096));

        var pair = generator.AsCaller(() => pool.Take(WrappingKeySpec.RSA_4096));

        Assert.Equal(WrappingKeySpec.RSA_4096, pair.Spec);
        Assert.Equal(1, pool.Depth(WrappingKeySpec.RSA_4096)); // the refill is held at the generator's gate
        Assert.DoesNotContain(generator.Calls, c => c.OnCallerThread);
    }

    [Fact]
    public async Task pool_refills_in_the_background_after_a_take()
    {
        using var generator = new ScriptedGenerator(freeCalls: 1);
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_3072] = 1 }, generator.Generate);
        await pool.WarmAsync(new CancellationTokenSource(Patience).Token);

        generator.AsCaller(() => pool.Take(WrappingKeySpec.RSA_3072));
        Assert.Equal(0, pool.Depth(WrappingKeySpec.RSA_3072));
        generator.Release();

        Assert.True(SpinWait.SpinUntil(() => pool.Depth(WrappingKeySpec.RSA_3072) == 1, Patience));
        Assert.Equal(2, generator.Calls.Count(c => !c.OnCallerThread));
    }

    [Fact]
    public async Task a_pool_below_a_quarter_of_its_target_is_refilled_at_normal_priority_while_the_idle_filler_is_held()
    {
        var holdIdle = false;
        using var gate = new ManualResetEventSlim(false);
        var shared = TestKeys.Wrapping(WrappingKeySpec.RSA_2048);
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_2048] = 8 }, spec =>
        {
            // The idle-priority filler stands for a busy machine's: it gets no CPU once the test holds it.
            if (Volatile.Read(ref holdIdle) && BackgroundPriorityTests.CurrentThreadIsLowered())
                gate.Wait();
            return shared with { Spec = spec };
        });
        await pool.WarmAsync(new CancellationTokenSource(Patience).Token);
        Volatile.Write(ref holdIdle, true);

        for (var i = 0; i < 7; i++)
            pool.Take(WrappingKeySpec.RSA_2048);

        Assert.True(SpinWait.SpinUntil(() => pool.Depth(WrappingKeySpec.RSA_2048) >= 2, Patience));
        gate.Set();
    }

    [Fact]
    public void a_new_pool_makes_its_reserve_at_normal_priority_and_the_rest_at_idle_priority()
    {
        using var gate = new ManualResetEventSlim(false);
        var shared = TestKeys.Wrapping(WrappingKeySpec.RSA_2048);
        var lowered = new ConcurrentQueue<bool>();
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_2048] = 8 }, spec =>
        {
            var idle = BackgroundPriorityTests.CurrentThreadIsLowered();
            lowered.Enqueue(idle);
            if (idle)
                gate.Wait(); // a busy machine's idle thread: no CPU
            return shared with { Spec = spec };
        });

        Assert.True(SpinWait.SpinUntil(() => pool.Depth(WrappingKeySpec.RSA_2048) == 2 && lowered.Count == 3, Patience));
        Assert.Equal([false, false, true], lowered);
        gate.Set();
        Assert.True(SpinWait.SpinUntil(() => pool.Depth(WrappingKeySpec.RSA_2048) == 8, Patience));
    }

    [Fact]
    public void spec_with_target_size_zero_generates_on_demand()
    {
        using var generator = new ScriptedGenerator(freeCalls: 0);
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_2048] = 0 }, generator.Generate);

        var pair = generator.AsCaller(() => pool.Take(WrappingKeySpec.RSA_2048));

        Assert.Equal(WrappingKeySpec.RSA_2048, pair.Spec);
        Assert.Equal(0, pool.Depth(WrappingKeySpec.RSA_2048));
        Assert.Equal([(WrappingKeySpec.RSA_2048, true)], generator.Calls);
    }

    [Fact]
    public void empty_pool_generates_on_demand_instead_of_waiting_for_the_filler()
    {
        using var generator = new ScriptedGenerator(freeCalls: 0); // the background filler blocks at once
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_4096] = 3 }, generator.Generate);

        var pair = generator.AsCaller(() => pool.Take(WrappingKeySpec.RSA_4096));

        Assert.Equal(WrappingKeySpec.RSA_4096, pair.Spec);
        Assert.Equal(0, pool.Depth(WrappingKeySpec.RSA_4096));
        Assert.Contains((WrappingKeySpec.RSA_4096, true), generator.Calls);
    }

    [Fact]
    public void unconfigured_spec_is_generated_on_demand_by_the_real_generator()
    {
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int>());
        var pair = pool.Take(WrappingKeySpec.SM2);

        Assert.Equal(WrappingKeySpec.SM2, pair.Spec);
        Assert.Equal(0, pool.Depth(WrappingKeySpec.SM2));
        var spki = new AsnReader(pair.PublicKeyDer, AsnEncodingRules.DER).ReadSequence().ReadSequence();
        Assert.Equal(Pkcs8PrivateKeyInfo.EcPublicKeyOid, spki.ReadObjectIdentifier());
        Assert.Equal(EcCurve.Sm2Oid, spki.ReadObjectIdentifier());
    }

    [Fact]
    public async Task real_rsa_pool_warms_and_hands_out_x509_public_keys_with_pkcs8_private_keys()
    {
        using var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int> { [WrappingKeySpec.RSA_2048] = 1 });
        await pool.WarmAsync(new CancellationTokenSource(Patience).Token);
        Assert.Equal(1, pool.Depth(WrappingKeySpec.RSA_2048));

        var pair = pool.Take(WrappingKeySpec.RSA_2048);

        using var publicKey = RSA.Create();
        publicKey.ImportSubjectPublicKeyInfo(pair.PublicKeyDer, out _);
        using var privateKey = RSA.Create();
        privateKey.ImportPkcs8PrivateKey(pair.PrivateKeyPkcs8, out _);
        Assert.Equal(2048, publicKey.KeySize);
        Assert.Equal(publicKey.ExportParameters(false).Modulus, privateKey.ExportParameters(false).Modulus);
    }

    [Fact]
    public void disposed_pool_refuses_takes()
    {
        var pool = new WrappingKeyPool(new Dictionary<WrappingKeySpec, int>());
        pool.Dispose();
        Assert.Throws<ObjectDisposedException>(() => pool.Take(WrappingKeySpec.RSA_2048));
    }
}

public class BackgroundPriorityTests
{
    /// <summary>True on a thread <see cref="BackgroundPriority"/> lowered: nice 19 on Linux (field 19 of
    /// /proc/thread-self/stat, counted after the parenthesised name, which may hold spaces), Thread.Priority elsewhere.</summary>
    public static bool CurrentThreadIsLowered() => OperatingSystem.IsLinux()
        ? File.ReadAllText("/proc/thread-self/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16] == "19"
        : Thread.CurrentThread.Priority == ThreadPriority.Lowest;

    [Fact]
    public void a_lowered_thread_runs_at_the_lowest_priority_and_other_threads_do_not()
    {
        bool? before = null, after = null;
        var thread = new Thread(() =>
        {
            before = CurrentThreadIsLowered();
            BackgroundPriority.LowerCurrentThread();
            after = CurrentThreadIsLowered();
        });
        thread.Start();
        thread.Join();
        Assert.Equal((false, true), (before, after));
        Assert.False(CurrentThreadIsLowered());
    }
}
