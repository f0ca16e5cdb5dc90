using KmsActors.Kms.Keys;

namespace KmsActors.Kms.Tests.Keys;

public sealed class PerMaterialTests
{
    [Fact]
    public void one_entry_is_found_replaced_and_removed()
    {
        var map = new PerMaterial<string>();
        map["m1"] = "a";
        map[new string("m1".ToCharArray())] = "b"; // an equal ID, not the same string

        Assert.True(map.TryGetValue("m1", out var value));
        Assert.Equal("b", value);
        Assert.Equal(["m1"], map.Ids());
        Assert.True(map.Remove("m1"));
        Assert.False(map.TryGetValue("m1", out _));
        Assert.Empty(map.Values);
    }

    [Fact]
    public void further_entries_are_kept_apart_and_an_id_is_never_held_twice()
    {
        var map = new PerMaterial<int>();
        map["m1"] = 1;
        map["m2"] = 2;
        map["m3"] = 3;
        Assert.True(map.Remove("m1"));
        map["m2"] = 20; // m2 lives in the overflow: it must be replaced there, not added inline
        map["m4"] = 4;

        Assert.Equal(["m2", "m3", "m4"], map.Ids().Order(StringComparer.Ordinal));
        Assert.Equal([3, 4, 20], map.Values.Order());
        Assert.Equal(20, map["m2"]);
        Assert.False(map.Remove("m1"));
        map.Clear();
        Assert.Empty(map.Ids());
        Assert.Throws<KeyNotFoundException>(() => map["m2"]);
    }
}
