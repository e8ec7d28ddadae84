//! `--help` in Chinese. The English help is the clap doc comments; for a Chinese reader
//! the same command is rebuilt with these texts, looked up by subcommand and argument id.
//! A text missing here falls back to the English one (a test lists what is missing).

use clap::Command;

/// The command's and each subcommand's one-line description.
const ABOUT: &[(&str, &str)] = &[
    ("", "检查下级发展规划是否与其落实的上级规划相衔接"),
    ("check", "对照上级规划检查规划，报告所有问题"),
    (
        "show",
        "显示每个规划的读取结果：上级规划、指标匹配、每个目标的要求",
    ),
    ("rule", "显示某条规则的说明，或列出全部规则"),
    (
        "test-rules",
        "运行规则目录中的测试用例（<规则>/cases/<用例>/）",
    ),
    (
        "baseline",
        "记录当前的问题，此后 `check --baseline` 只报告新问题",
    ),
    (
        "schema",
        "输出规划文件的 JSON Schema，供编辑器校验与补全（见 docs/editor-setup.md）",
    ),
    (
        "init",
        "创建规划仓库：planlint.yaml、示例规划、CI 与 pre-commit 配置",
    ),
    ("import", "把规划文档（.docx、.doc、.wps、.rtf、.pdf、.txt）读成规划文件，供人核对"),
    (
        "report",
        "写出一个规划的审查报告（HTML 或 Markdown）或审查意见（Word）；对目录写出总览（HTML 或 Excel）",
    ),
    (
        "serve",
        "在本机打开审查页面：上传报送的规划文档，选择上级规划，在浏览器中查看审查报告",
    ),
    (
        "lsp",
        "作为语言服务器通过标准输入输出为编辑器服务：边写边查、悬停说明、跳转到上级指标、补全和快速修复（见 docs/editor-setup.md）",
    ),
    (
        "completions",
        "输出命令行补全脚本：`planlint completions bash > …`",
    ),
    ("help", "显示帮助"),
];

/// Argument help, by argument id; the same id means the same thing in every subcommand.
const ARGS: &[(&str, &str)] = &[
    ("paths", "规划文件，或要在其中查找 `*.plan.yaml` 的目录"),
    (
        "check.paths",
        "规划文件、要在其中查找 `*.plan.yaml` 的目录，或要导入并检查的规划文档（.docx、.doc、.wps、.rtf、.pdf、.txt）",
    ),
    ("lang", "消息语言（默认取自 LANG 环境变量；除非指明英文，否则为中文）"),
    ("catalogs", "扩展内置指标目录的目录文件（可重复）"),
    ("rule_dirs", "在内置规则之外增加的规则目录（可重复）"),
    ("format", "标准输出的格式"),
    ("outputs", "同时把某种格式写入文件，写作 格式=文件（可重复），CI 只需运行一次：`--output sarif=planlint.sarif --output markdown=summary.md`；文件以原子方式写入；标准输出、终端、命名管道或 /dev/null 则直接写入（`--output json=/dev/stdout`）；目录或其他设备不予写入"),
    ("color", "人读输出何时使用颜色"),
    ("select", "只运行这些规则（逗号分隔或重复给出）"),
    ("ignore", "不运行这些规则（逗号分隔或重复给出）"),
    ("deny", "把警告也视为错误决定退出状态：`--deny warnings`"),
    ("baseline", "只报告基线文件未记录的问题（见 `planlint baseline`）"),
    ("prune", "与 --baseline 同用：从基线文件中删除已不再出现的问题"),
    ("jobs", "检查所用的线程数（默认每个核一个）；无论几个线程，输出的字节都相同"),
    ("timings", "在标准错误上列出用时：各阶段的用时，以及每条规则的用时"),
    ("watch", "持续监视：规划文件保存后重新检查，只列出与上次相比新出现和已消失的问题；按 Ctrl-C 停止"),
    ("stdio", "为习惯以 `--stdio` 启动语言服务器的编辑器而设；只支持标准输入输出"),
    ("id", "规则 id"),
    ("all", "列出全部规则及其简介"),
    ("dir", "规则目录或仓库目录"),
    ("bless", "写入用例产生的快照，而不是与之比较"),
    ("output", "要写入的基线文件"),
    ("force", "文件已存在时覆盖它"),
    ("shell", "命令行外壳（shell）"),
    // Arguments whose meaning depends on the command: `command.argument`.
    ("import.document", "规划文档：.docx、.txt（UTF-8、UTF-16 或 GB18030），或经 LibreOffice 转换的 .doc、.wps、.rtf、.odt，经 pdftotext 读取的 PDF（须已安装）"),
    ("import.output", "把规划文件写到此处（原子写入），而不是标准输出"),
    ("import.force", "输出文件已存在时覆盖它"),
    ("import.id", "规划的 id（默认由文件名生成）"),
    (
        "import.parent",
        "上级规划：规划 id 或规划文件（默认根据文档的依据在仓库的规划中推荐）",
    ),
    (
        "report.plan",
        "要报告的规划文件，或规划文档（.docx、.doc、.wps、.rtf、.pdf、.txt，按 check 的方式导入）；目录则生成总览",
    ),
    (
        "report.output",
        "把报告写入此文件（原子写入），而不是标准输出",
    ),
    ("report.format", "报告的格式"),
    (
        "report.parent",
        "报告对象为文档时的上级规划：规划 id 或规划文件（默认根据文档的依据在仓库的规划中推荐）",
    ),
    (
        "check.parent",
        "所检查文档的上级规划：规划 id 或规划文件（默认根据文档的依据在仓库的规划中推荐）",
    ),
    ("serve.repo", "规划仓库：含有 planlint.yaml 的目录，或其下的目录"),
    ("serve.port", "监听的端口（默认自动选一个空闲端口，启动时显示）"),
    (
        "serve.bind",
        "监听此地址而不是 127.0.0.1；除本机回环地址外，任何地址都会让网络中的其他计算机能打开此页面",
    ),
    (
        "serve.allow_hosts",
        "另外接受以此名称（网络为本机分配的名称）访问的请求（可重复）；localhost 和监听地址总是接受，其他名称一律拒绝，以免其他网站的网页访问本服务",
    ),
    (
        "serve.max_connections",
        "同时打开的连接数上限；超出的连接答复 503",
    ),
    (
        "serve.max_body_memory",
        "所有请求的请求体合计占用的字节数上限；超出的上传答复 503",
    ),
    (
        "serve.read_timeout",
        "客户端发送请求头、以及随后发送整个上传文件的时限（秒）",
    ),
    ("help", "显示帮助"),
    ("version", "显示版本"),
];

fn lookup(table: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// An argument's help: the command's own (`import.output`) before the shared one.
fn arg_help(command: &str, id: &str) -> Option<&'static str> {
    lookup(ARGS, &format!("{command}.{id}")).or_else(|| lookup(ARGS, id))
}

/// The command with Chinese help.
pub fn translate(command: Command) -> Command {
    let mut command = translate_one(command, "");
    let names: Vec<String> = command
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| translate_one(sub, &name));
    }
    command
}

fn translate_one(mut command: Command, name: &str) -> Command {
    if let Some(about) = lookup(ABOUT, name) {
        command = command.about(about);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        if let Some(help) = arg_help(name, &id) {
            command = command.mut_arg(&id, |a| a.help(help).long_help(None));
        }
    }
    command
}

/// The subcommands and argument ids that have no Chinese text, for the test that keeps
/// this table complete.
#[cfg(test)]
pub fn missing(command: &Command) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |cmd: &Command, name: &str| {
        if lookup(ABOUT, name).is_none() {
            out.push(format!("about of `{name}`"));
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if arg_help(name, id).is_none() {
                out.push(format!("`{name}` argument `{id}`"));
            }
        }
    };
    check(command, "");
    for sub in command.get_subcommands() {
        check(sub, sub.get_name());
    }
    out
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn every_command_and_argument_has_chinese_help() {
        assert_eq!(super::missing(&crate::Cli::command()), Vec::<String>::new());
    }
}
