using System.Net;
using System.Text.Json;

namespace KmsActors.Server.Tests.Support;

/// <summary>Assertions on AWS JSON 1.1 responses.</summary>
public static class WireAssert
{
    /// <summary>The response is <paramref name="status"/> with an AWS error body of <paramref name="errorCode"/>; returns the message.</summary>
    public static async Task<string> Error(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/x-amz-json-1.1", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(body);
        Assert.Equal(errorCode, json.RootElement.GetProperty("__type").GetString());
        return json.RootElement.GetProperty("message").GetString()!;
    }

    /// <summary>The response is 200 with a JSON object body; returns it.</summary>
    public static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
