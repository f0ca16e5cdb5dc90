using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace KmsActors.Console.Tests.Support;

/// <summary>
/// Headless Chromium from Debian's packages (/usr/bin/chromium, /usr/bin/chromedriver; .ci/run installs them) driven by
/// Selenium. Nothing is downloaded: the driver and browser paths are given, so Selenium Manager is never asked.
/// </summary>
public sealed class Browser : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string ChromeDriverPath = "/usr/bin/chromedriver";

    /// <param name="javaScript">false: the browser runs no script (Chromium's managed content setting), for the pages'
    /// plain-form paths (issue #15 item 6: everything but the live parts works without JavaScript).</param>
    public Browser(bool javaScript = true)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(ChromeDriverPath))
            throw new InvalidOperationException(
                $"The console tests need Debian's chromium and chromium-driver ({ChromiumPath}, {ChromeDriverPath}); .ci/run installs them: apt-get install chromium chromium-driver.");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(ChromeDriverPath)!, Path.GetFileName(ChromeDriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1366,900",
            "--no-first-run", "--disable-extensions", "--lang=en-US");
        // Downloads (the wrapping key and import token zip) land in a folder of this browser's own.
        DownloadDirectory = Directory.CreateTempSubdirectory("kms-console-downloads-").FullName;
        options.AddUserProfilePreference("download.default_directory", DownloadDirectory);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        if (!javaScript)
            options.AddUserProfilePreference("profile.managed_default_content_settings.javascript", 2);
        Driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        Driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
    }

    public ChromeDriver Driver { get; }

    public string DownloadDirectory { get; }

    public void GoTo(string url) => Driver.Navigate().GoToUrl(url);

    public IWebElement Find(By by) => Driver.FindElement(by);

    public IReadOnlyCollection<IWebElement> FindAll(By by) => Driver.FindElements(by);

    /// <summary>Waits (real time: the browser's rendering, not the engine's clock) until the condition holds.</summary>
    public T WaitFor<T>(Func<IWebDriver, T> condition, int seconds = 10) =>
        new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds)).Until(condition);

    /// <summary>Saves the current page as docs/console/<paramref name="name"/>.png in the repository, so the README's
    /// screenshots are the ones the last test run saw.</summary>
    public void Screenshot(string name)
    {
        var directory = Path.Combine(RepositoryRoot(), "docs", "console");
        Directory.CreateDirectory(directory);
        Driver.GetScreenshot().SaveAsFile(Path.Combine(directory, name + ".png"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "KmsActors.sln")))
                return dir.FullName;
        throw new InvalidOperationException("KmsActors.sln not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
        try { Directory.Delete(DownloadDirectory, recursive: true); } catch (IOException) { }
    }
}
