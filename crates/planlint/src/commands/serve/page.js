// The review page of `planlint serve`: choose a file, pick the parent, check, read the
// report. Talks only to the server it came from (/api/plans, /api/inspect, /api/check).
// Everything from a file or the server is put on the page as text (textContent), never as
// HTML; the report itself is shown in a sandboxed frame where no script runs.
'use strict';

const WORDS = {
  zh: {
    pageTitle: '规划衔接审查 · planlint',
    title: '规划衔接审查',
    tagline: '检查下级规划是否落实了上级规划的指标和要求',
    switchTo: 'English',
    step1: '选择报送的规划文件',
    dropMain: '把文件拖到这里，或点击这里选择文件',
    dropHint: 'Word 文档（.docx、.doc）、WPS 文档（.wps）、RTF、PDF、文本文件（.txt）或规划文件（.plan.yaml），不超过 {max}',
    step2: '选择上级规划',
    parentHint: '即本规划要落实的上级规划。选好文件后，会根据文件中写明的编制依据自动推荐。',
    parentProposed: '已根据文件中写明的编制依据，推荐并选中了“{title}”。如不正确，请在列表中另选。',
    parentNone: '文件中写明的编制依据与仓库中的规划都对不上，请在列表中选择上级规划。',
    parentFromPlan: '规划文件中已写明上级规划（parent：{parent}），无需选择。',
    parentFromPlanNone: '规划文件中没有写明上级规划（parent），将不与上级规划比较。',
    searchPlaceholder: '输入名称、地区或 id 筛选……',
    noParent: '（自动：按文件中写明的编制依据确定上级规划）',
    proposedMark: '★ 推荐',
    step3: '开始审查',
    checkButton: '开始审查',
    needFile: '请先在第 1 步选择文件。',
    ready: '准备就绪：点击“开始审查”。',
    reading: '正在读取文件……',
    checking: '正在审查，通常只需几秒钟……',
    done: '审查完成，结果见下方。',
    errorTitle: '出现问题',
    fileErrorTitle: '这个文件无法审查',
    chooseAnother: '请另选一个文件。',
    tooLarge: '文件太大（{size}）：最多只能上传 {max}。规划文档连同表格通常只有几 MB，请确认选择的是规划文件。',
    empty: '文件“{name}”是空的（0 字节），没有可审查的内容。请确认选择了正确的文件。',
    offline: '无法连接审查服务。请确认运行 planlint serve 的命令行窗口没有关闭，然后刷新本页面。',
    badAnswer: '审查服务的回答无法读取（{status}）。请刷新本页面后重试。',
    recognised: '识别结果',
    docTitle: '标题',
    region: '地区',
    rows: '指标表',
    rowsCount: '读到 {n} 行指标',
    noRows: '没有找到指标表',
    basis: '编制依据',
    none: '（没有找到）',
    kindDocx: 'Word 文档',
    kindText: '文本文件',
    kindPlan: '规划文件',
    verdictLabel: '审查结论：',
    outcome: {
      passes: '通过',
      'passes-with-warnings': '通过，但有警告',
      fails: '不通过',
      undetermined: '无法判定',
    },
    counts: '{error} 个错误，{warning} 个警告，{info} 个提示',
    exempted: '，{n} 项已豁免',
    parentLine: '对照的上级规划：{title}',
    parentLineProposed: '对照的上级规划：{title}（根据编制依据推荐）',
    parentLineNone: '没有对照上级规划',
    next: {
      passes: '下方是完整的审查报告，可下载或打印后附在审查意见中。',
      'passes-with-warnings': '请查看下方报告中标出的警告，确认是否需要请报送单位说明或修改。',
      fails: '下方报告列出了必须修改的错误，可下载或打印后随审查意见退回报送单位。',
      undetermined: '有些内容未能核对，暂不能作出结论；下方报告的结论栏列出了未能核对的内容和补齐的办法。',
    },
    problemsTitle: '读取文件时需要核对的地方（{n} 处）',
    problemsExplain: '以下地方没能确定地读出，或者是推测读出的。请对照原文件核对；这些问题也列在报告末尾的检查结果中。',
    showAll: '显示全部 {n} 处',
    error: '错误',
    warning: '警告',
    info: '提示',
    downloadReport: '下载审查报告（HTML 文件）',
    downloadOpinion: '下载审查意见（Word 文件）',
    overview: '规划仓库总览',
    overviewXlsx: '下载总览（Excel）',
    print: '打印审查报告',
    downloadPlan: '下载导入的规划文件（供核对修改）',
    downloadPlanTip: 'planlint 从文档中读出的标题、指标表和章节，保存为规划文件（.plan.yaml）。核对、修改后可存入规划仓库，今后直接审查。',
    reportHeading: '审查报告',
    reportFrame: '审查报告',
    privacy: '本页面只在这台计算机上运行：文件不会发送到互联网，审查结束后立即删除，不做保存。',
    levels: { national: '国家级', province: '省级', prefecture: '地市级', county: '县级' },
    colon: '：',
    open: '（',
    close: '）',
  },
  en: {
    pageTitle: 'Plan alignment review · planlint',
    title: 'Plan alignment review',
    tagline: 'Checks that a plan carries out the indicators and requirements of the plan above it',
    switchTo: '中文',
    step1: 'Choose the submitted plan',
    dropMain: 'Drop the file here, or click here to choose it',
    dropHint: 'A Word document (.docx, .doc), a WPS document (.wps), RTF, PDF, a text file (.txt) or a plan file (.plan.yaml), at most {max}',
    step2: 'Choose the parent plan',
    parentHint: 'The higher-level plan this plan carries out. Once a file is chosen, the plan named in its basis is proposed.',
    parentProposed: 'Proposed and selected from the basis the document names: “{title}”. If it is wrong, choose another in the list.',
    parentNone: 'None of the repository\'s plans matches the basis the document names: choose the parent in the list.',
    parentFromPlan: 'The plan file names its parent (parent: {parent}); nothing to choose.',
    parentFromPlanNone: 'The plan file names no parent: it is compared with none.',
    searchPlaceholder: 'Type a title, region or id to filter…',
    noParent: '(automatic: the plan the document\'s basis names)',
    proposedMark: '★ proposed',
    step3: 'Review',
    checkButton: 'Review',
    needFile: 'Choose a file in step 1 first.',
    ready: 'Ready: press “Review”.',
    reading: 'Reading the file…',
    checking: 'Reviewing; this usually takes a few seconds…',
    done: 'Done: the result is below.',
    errorTitle: 'Something went wrong',
    fileErrorTitle: 'This file cannot be reviewed',
    chooseAnother: 'Choose another file.',
    tooLarge: 'The file is too large ({size}): at most {max} can be uploaded. A plan document with its tables is usually a few MB; check that this is the plan.',
    empty: 'The file “{name}” is empty (0 bytes): there is nothing to review. Check that you chose the right file.',
    offline: 'Cannot reach the review service. Check that the command window running planlint serve is still open, then reload this page.',
    badAnswer: 'The review service gave an answer that cannot be read ({status}). Reload this page and retry.',
    recognised: 'What was read',
    docTitle: 'Title',
    region: 'Region',
    rows: 'Indicator table',
    rowsCount: '{n} indicator rows',
    noRows: 'no indicator table found',
    basis: 'Basis',
    none: '(none found)',
    kindDocx: 'Word document',
    kindText: 'text file',
    kindPlan: 'plan file',
    verdictLabel: 'Verdict: ',
    outcome: {
      passes: 'Passes',
      'passes-with-warnings': 'Passes with warnings',
      fails: 'Fails',
      undetermined: 'Undetermined',
    },
    counts: '{error} errors, {warning} warnings, {info} notes',
    exempted: ', {n} exempted',
    parentLine: 'Compared with: {title}',
    parentLineProposed: 'Compared with: {title} (proposed from the basis)',
    parentLineNone: 'Compared with no parent plan',
    next: {
      passes: 'The full review report is below: download or print it to attach to the opinion.',
      'passes-with-warnings': 'Look at the warnings marked in the report below, and decide whether the submitter must explain or amend them.',
      fails: 'The report below lists the errors that must be fixed: download or print it to send back with the opinion.',
      undetermined: 'Part of the plan could not be checked, so no verdict is given; the verdict box of the report below lists what and how to complete it.',
    },
    problemsTitle: 'Places to check in the file ({n})',
    problemsExplain: 'These places could not be read with certainty, or were read by a guess. Compare them with the original; they are also listed with the findings at the end of the report.',
    showAll: 'Show all {n}',
    error: 'Error',
    warning: 'Warning',
    info: 'Note',
    downloadReport: 'Download the report (HTML file)',
    downloadOpinion: 'Download the review opinion (Word file)',
    overview: 'Overview of the repository',
    overviewXlsx: 'Download the overview (Excel)',
    print: 'Print the report',
    downloadPlan: 'Download the imported plan file (to correct)',
    downloadPlanTip: 'What planlint read from the document (title, indicator table, headings) as a plan file (.plan.yaml): correct it and add it to the plan repository to review it directly next time.',
    reportHeading: 'Review report',
    reportFrame: 'Review report',
    privacy: 'This page runs on this computer only: files are not sent to the internet, and are deleted as soon as the review is done.',
    levels: { national: 'national', province: 'provincial', prefecture: 'prefecture', county: 'county' },
    colon: ': ',
    open: ' (',
    close: ')',
  },
};

const state = {
  lang: document.documentElement.dataset.lang === 'en' ? 'en' : 'zh',
  plans: [],
  maxUpload: 20 * 1024 * 1024,
  file: null,
  inspected: null,
  proposed: null,
  result: null,
  error: null,
  status: null,
  busy: false,
  // The parent chosen in the list ('' for automatic: the server proposes it from the
  // document's basis, or compares with none when nothing matches).
  selected: '',
};

const $ = (id) => document.getElementById(id);

function words() {
  return WORDS[state.lang];
}

/** A text in the page's language, with {name} filled in. */
function t(key, vars = {}) {
  let text = key.split('.').reduce((o, k) => (o == null ? o : o[k]), words());
  if (typeof text !== 'string') text = key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : ''));
}

/** A text in both languages, with {name} filled in: for a message that stays on the page
 * when the reader switches language. */
function both(key, vars = {}) {
  const fill = (text) => text.replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : ''));
  return { zh: fill(WORDS.zh[key]), en: fill(WORDS.en[key]) };
}

/** An element with text children (strings become text nodes, never HTML). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function size(bytes) {
  // 20 MB rather than 20.0 MB.
  const one = (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${one(bytes / 1024)} KB`;
  return `${one(bytes / 1024 / 1024)} MB`;
}

/** Text in the language's brackets: （…） in Chinese, (…) in English. */
function bracket(text) {
  return `${words().open}${text}${words().close}`;
}

function levelName(level) {
  return (level && words().levels[level]) || level || '';
}

/** A plan as the picker lists it: its title, then its level and, where the title does not
 * already say it, its region. */
function planLabel(plan) {
  const region = plan.region && !(plan.title || '').includes(plan.region) ? plan.region : null;
  const where = [levelName(plan.level), region].filter(Boolean).join(' · ');
  const title = plan.title || plan.id;
  return where ? `${title}${bracket(where)}` : title;
}

// --- talking to the server -------------------------------------------------------------

/** POSTs a form; resolves to the JSON answer, or throws {zh, en} to show. */
async function post(path, form) {
  let response;
  try {
    response = await fetch(path, { method: 'POST', body: form });
  } catch (_) {
    throw both('offline');
  }
  let data = null;
  try {
    data = await response.json();
  } catch (_) {
    throw both('badAnswer', { status: response.status });
  }
  if (!response.ok || data.error) {
    throw data.error || both('badAnswer', { status: response.status });
  }
  return data;
}

async function loadPlans() {
  try {
    const response = await fetch('/api/plans');
    const data = await response.json();
    state.plans = data.plans || [];
    state.maxUpload = data.max_upload_bytes || state.maxUpload;
  } catch (_) {
    state.error = both('offline');
  }
  render();
}

// --- what the reader does -------------------------------------------------------------

/** Shows an error: beside the file when it is about the file chosen, else below the
 * button. */
function fail(error, where = 'check') {
  state.error = { ...error, where };
  state.status = null;
  state.busy = false;
  render();
}

async function choose(file) {
  state.file = null;
  state.inspected = null;
  state.proposed = null;
  state.result = null;
  state.error = null;
  if (!file) return render();
  // Refused here already, so that a wrong file is not sent at all.
  if (file.size > state.maxUpload) {
    return fail(both('tooLarge', { size: size(file.size), max: size(state.maxUpload) }), 'file');
  }
  if (file.size === 0) {
    return fail(both('empty', { name: file.name }), 'file');
  }
  state.file = file;
  state.busy = true;
  state.status = 'reading';
  render();
  const form = new FormData();
  form.append('file', file, file.name);
  try {
    const data = await post('/api/inspect', form);
    if (state.file !== file) return; // another file was chosen meanwhile
    state.inspected = data;
    state.proposed = data.proposed_parent ? data.proposed_parent.id : null;
    if (state.proposed) {
      $('parent-search').value = '';
      state.selected = state.proposed;
    }
    state.busy = false;
    state.status = 'ready';
    render();
  } catch (error) {
    if (state.file !== file) return;
    state.file = null;
    fail(error, 'file');
  }
}

async function check() {
  if (!state.file || state.busy) return;
  const file = state.file;
  state.busy = true;
  state.error = null;
  state.status = 'checking';
  render();
  const form = new FormData();
  form.append('file', file, file.name);
  const parent = state.inspected && state.inspected.kind === 'plan' ? '' : $('parent').value;
  if (parent) form.append('parent', parent);
  form.append('lang', state.lang);
  try {
    const data = await post('/api/check', form);
    if (state.file !== file) return;
    state.result = data;
    state.busy = false;
    state.status = 'done';
    render();
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    $('result').scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'start' });
  } catch (error) {
    state.result = null;
    fail(error);
  }
}

function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a', { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// --- drawing the page from the state ---------------------------------------------------

function render() {
  const w = words();
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.dataset.lang = state.lang;
  document.title = w.pageTitle;
  for (const node of document.querySelectorAll('[data-t]')) {
    node.textContent = t(node.dataset.t, { max: size(state.maxUpload) });
  }
  const switcher = $('lang');
  switcher.textContent = w.switchTo;
  switcher.lang = state.lang === 'zh' ? 'en' : 'zh-CN';
  $('parent-search').placeholder = w.searchPlaceholder;
  $('report').title = w.reportFrame;
  $('download-plan').title = w.downloadPlanTip;
  $('overview-link').href = `/overview?lang=${state.lang}`;
  $('overview-xlsx').href = `/overview.xlsx?lang=${state.lang}`;

  const chosen = $('chosen');
  chosen.hidden = !state.file;
  chosen.textContent = state.file ? `${state.file.name}${bracket(size(state.file.size))}` : '';

  renderInspect();
  renderParents();

  const button = $('check');
  button.disabled = !state.file || !state.inspected || state.busy;
  const status = $('status');
  const statusKey = state.status || (state.file ? null : 'needFile');
  status.textContent = statusKey ? t(statusKey) : '';
  status.className = state.busy ? 'status busy' : 'status';

  const onFile = state.error && state.error.where === 'file';
  for (const [id, shown] of [['file-error', onFile], ['error', state.error && !onFile]]) {
    const box = $(id);
    box.hidden = !shown;
    box.replaceChildren();
    if (shown) {
      box.append(
        el('strong', {}, onFile ? w.fileErrorTitle : w.errorTitle),
        el('span', {}, state.error[state.lang] || state.error.zh || ''),
        onFile ? el('span', { class: 'again' }, w.chooseAnother) : null,
      );
    }
  }
  renderResult();
}

function renderInspect() {
  const box = $('inspect');
  const data = state.inspected;
  box.hidden = !data;
  box.replaceChildren();
  if (!data) return;
  const kind = { docx: t('kindDocx'), text: t('kindText'), plan: t('kindPlan') }[data.kind] || data.kind;
  const where = [levelName(data.level), data.region].filter(Boolean).join(' · ');
  const colon = words().colon;
  box.append(
    el('p', {}, el('span', { class: 'label' }, `${t('recognised')}${bracket(kind)}`)),
    el('p', {}, el('span', { class: 'label' }, `${t('docTitle')}${colon}`), data.title || t('none'), where ? bracket(where) : ''),
  );
  if (data.kind !== 'plan') {
    box.append(el('p', {}, el('span', { class: 'label' }, `${t('rows')}${colon}`), data.rows > 0 ? t('rowsCount', { n: data.rows }) : t('noRows')));
  }
  const basis = (data.basis || []).map((b) => `《${b}》`).join(state.lang === 'zh' ? '、' : ', ');
  box.append(el('p', {}, el('span', { class: 'label' }, `${t('basis')}${colon}`), basis || t('none')));
}

function renderParents() {
  const select = $('parent');
  const search = $('parent-search');
  const hint = $('parent-hint');
  const data = state.inspected;
  const fromPlan = data && data.kind === 'plan';
  select.disabled = fromPlan;
  search.disabled = fromPlan;
  hint.className = 'hint';
  if (fromPlan) {
    hint.textContent = data.declared_parent
      ? t('parentFromPlan', { parent: data.declared_parent })
      : t('parentFromPlanNone');
  } else if (data && data.proposed_parent) {
    hint.textContent = t('parentProposed', { title: data.proposed_parent.title || data.proposed_parent.id });
    hint.className = 'hint proposed';
  } else if (data) {
    hint.textContent = t('parentNone');
  } else {
    hint.textContent = t('parentHint');
  }
  const wanted = state.selected;
  const filter = search.value.trim().toLowerCase();
  const options = [el('option', { value: '' }, t('noParent'))];
  for (const plan of state.plans) {
    const label = planLabel(plan);
    const shown =
      !filter ||
      plan.id === wanted ||
      [label, plan.id, plan.region || ''].some((s) => s.toLowerCase().includes(filter));
    if (!shown) continue;
    const text = plan.id === state.proposed ? `${t('proposedMark')}${words().colon}${label}` : label;
    options.push(el('option', { value: plan.id, title: `${plan.id} — ${plan.file}` }, text));
  }
  select.replaceChildren(...options);
  select.value = wanted;
  if (select.value !== wanted) select.value = '';
  const picked = select.selectedOptions[0];
  if (picked && picked.value) picked.scrollIntoView({ block: 'nearest' });
}

function renderResult() {
  const section = $('result');
  const data = state.result;
  section.hidden = !data;
  if (!data) return;
  const w = words();
  const verdict = $('verdict');
  verdict.className = `verdict ${data.outcome}`;
  const c = data.counts;
  let counts = t('counts', c);
  if (state.lang === 'en') {
    const n = (count, one, many) => `${count} ${count === 1 ? one : many}`;
    counts = [n(c.error, 'error', 'errors'), n(c.warning, 'warning', 'warnings'), n(c.info, 'note', 'notes')].join(', ');
  }
  counts += c.exempted ? t('exempted', { n: c.exempted }) : '';
  let parentLine = t('parentLineNone');
  if (data.parent) {
    const label = `${data.parent.title || data.parent.id}`;
    parentLine = t(data.parent.proposed ? 'parentLineProposed' : 'parentLine', { title: label });
  }
  verdict.replaceChildren(
    el('span', { class: 'word', id: 'verdict-word' }, w.verdictLabel + (w.outcome[data.outcome] || data.outcome)),
    el('span', { class: 'counts' }, counts),
    el('span', { class: 'parent-line' }, parentLine),
    el('span', { class: 'next' }, w.next[data.outcome] || ''),
  );
  $('download-plan').hidden = !data.plan_yaml;

  const box = $('problems');
  const problems = data.problems || [];
  box.hidden = problems.length === 0;
  box.replaceChildren();
  if (problems.length > 0) {
    box.append(
      el('h3', {}, t('problemsTitle', { n: problems.length })),
      el('p', { class: 'explain' }, t('problemsExplain')),
    );
    const item = (p) =>
      el(
        'li',
        {},
        el('span', { class: `sev sev-${p.severity}` }, `${t(p.severity)} · `),
        el('span', { class: 'place' }, `${p.place[state.lang]}${words().colon}`),
        p.message[state.lang],
        p.excerpt ? el('q', { class: 'excerpt' }, p.excerpt) : null,
        p.help ? el('span', { class: 'help' }, p.help[state.lang]) : null,
      );
    const first = problems.slice(0, 6).map(item);
    box.append(el('ol', {}, first));
    if (problems.length > 6) {
      box.append(
        el('details', {}, el('summary', {}, t('showAll', { n: problems.length })),
          el('ol', { start: '7' }, problems.slice(6).map(item))),
      );
    }
  }

  const frame = $('report');
  if (frame.dataset.shown !== data.report_html.length + data.lang + data.file) {
    frame.dataset.shown = data.report_html.length + data.lang + data.file;
    frame.srcdoc = data.report_html;
  }
}

/** The frame as tall as the report, so the page scrolls as one. */
function fitFrame() {
  const frame = $('report');
  const doc = frame.contentDocument;
  if (!doc || !doc.documentElement) return;
  frame.style.height = `${doc.documentElement.scrollHeight + 4}px`;
}

// --- wiring ----------------------------------------------------------------------------

function wire() {
  const input = $('file');
  input.addEventListener('change', () => choose(input.files[0] || null));
  const drop = $('drop');
  for (const name of ['dragenter', 'dragover']) {
    drop.addEventListener(name, (event) => {
      event.preventDefault();
      drop.classList.add('over');
    });
  }
  for (const name of ['dragleave', 'drop']) {
    drop.addEventListener(name, () => drop.classList.remove('over'));
  }
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) choose(file);
  });
  // A file dropped beside the box must not replace the page with the file.
  for (const name of ['dragover', 'drop']) {
    window.addEventListener(name, (event) => event.preventDefault());
  }
  $('parent-search').addEventListener('input', () => renderParents());
  $('parent').addEventListener('change', () => {
    state.selected = $('parent').value;
  });
  $('check').addEventListener('click', check);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    render();
    // The report is made by the server in one language: ask again in the other.
    if (state.result && state.file && !state.busy) check();
  });
  $('download-report').addEventListener('click', () => {
    if (state.result) download(state.result.report_file, state.result.report_html, 'text/html;charset=utf-8');
  });
  $('download-opinion').addEventListener('click', () => {
    if (state.result && state.result.opinion_docx) {
      // The Word document comes as base64 in the JSON: bytes again, then a file.
      const bytes = Uint8Array.from(atob(state.result.opinion_docx), (c) => c.charCodeAt(0));
      download(state.result.opinion_file, bytes,
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    }
  });
  $('download-plan').addEventListener('click', () => {
    if (state.result && state.result.plan_yaml) {
      download(state.result.plan_file, state.result.plan_yaml, 'text/yaml;charset=utf-8');
    }
  });
  $('print').addEventListener('click', () => {
    const frame = $('report');
    if (frame.contentWindow) frame.contentWindow.print();
  });
  $('report').addEventListener('load', fitFrame);
  window.addEventListener('resize', fitFrame);
}

wire();
render();
loadPlans();
