using KmsActors.Kms.Crypto;

namespace KmsActors.Kms.Tests.Crypto;

public sealed class NonceSourceTests
{
    [Fact]
    public async Task nonces_are_fresh_across_blocks_and_threads()
    {
        // 12-byte nonces over many refills of the per-thread block, on several threads at once: no repeats, none blank.
        var perThread = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var nonces = new List<string>();
            Span<byte> nonce = stackalloc byte[12];
            for (var i = 0; i < 5_000; i++)
            {
                NonceSource.Fill(nonce);
                nonces.Add(Convert.ToHexString(nonce));
            }
            return nonces;
        })));
        var all = perThread.SelectMany(n => n).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.DoesNotContain(new string('0', 24), all);
    }

    [Fact]
    public void a_request_larger_than_a_block_is_filled_whole()
    {
        var big = new byte[4096];
        NonceSource.Fill(big);
        Assert.True(big.Count(b => b == 0) < 100);
    }
}
