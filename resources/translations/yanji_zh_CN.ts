<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>Accessories</name>
    <message>
        <location filename="../../ui/problem_text.py" line="935" />
        <source>original box</source>
        <translation>包装盒</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="936" />
        <source>charger</source>
        <translation>充电器</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="937" />
        <source>cable</source>
        <translation>数据线</translation>
    </message>
</context>
<context>
    <name>CameraProblems</name>
    <message>
        <location filename="../../ui/problem_text.py" line="222" />
        <source>%1 is a folder, not a photo</source>
        <translation>%1 是文件夹，不是照片</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="224" />
        <source>%1 is not there</source>
        <translation>找不到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="225" />
        <source>%1 is empty</source>
        <translation>%1 是空文件</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="228" />
        <source>%1 is a HEIC photo that cannot be read (damaged or cut short)</source>
        <translation>%1 是无法读取的 HEIC 照片（文件损坏或不完整）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="236" />
        <source>%1 is not a photo that can be read (damaged, or not JPEG, PNG, HEIC, WebP, BMP or TIFF)</source>
        <translation>%1 不是可读取的照片（文件损坏，或不是 JPEG、PNG、HEIC、WebP、BMP、TIFF 格式）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="243" />
        <source>%1 cannot be read: the station is not allowed to read it</source>
        <translation>无法读取 %1：本机没有读取权限</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="249" />
        <source>%1 cannot be read: the disk or card failed while reading (was it taken out?)</source>
        <translation>无法读取 %1：读取时磁盘或存储卡出错（是否已拔出？）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="256" />
        <location filename="../../ui/problem_text.py" line="262" />
        <source>%1 cannot be read (%2)</source>
        <translation>无法读取 %1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="270" />
        <source>no camera at index %1 (is it plugged in, and not in use elsewhere?)</source>
        <translation>编号 %1 没有摄像头（是否已插好，是否被其他程序占用？）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="277" />
        <source>camera %1 stopped sending pictures (unplugged?)</source>
        <translation>摄像头 %1 不再传来画面（是否已拔出？）</translation>
    </message>
</context>
<context>
    <name>Colours</name>
    <message>
        <location filename="../../ui/identify_page.py" line="261" />
        <source>Alpine Green</source>
        <translation>苍岭绿色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="262" />
        <source>Black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="263" />
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="264" />
        <source>Coral</source>
        <translation>珊瑚色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="265" />
        <source>Deep Purple</source>
        <translation>暗紫色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="266" />
        <source>Gold</source>
        <translation>金色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="267" />
        <source>Graphite</source>
        <translation>石墨色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="268" />
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="269" />
        <source>Jet Black</source>
        <translation>亮黑色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="270" />
        <source>Midnight</source>
        <translation>午夜色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="271" />
        <source>Midnight Green</source>
        <translation>暗夜绿色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="272" />
        <source>Pacific Blue</source>
        <translation>海蓝色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="273" />
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="274" />
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="275" />
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="276" />
        <source>Rose Gold</source>
        <translation>玫瑰金色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="277" />
        <source>Sierra Blue</source>
        <translation>远峰蓝色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="278" />
        <source>Silver</source>
        <translation>银色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="279" />
        <source>Space Black</source>
        <translation>深空黑色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="280" />
        <source>Space Gray</source>
        <translation>深空灰色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="281" />
        <source>Starlight</source>
        <translation>星光色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="282" />
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="283" />
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
</context>
<context>
    <name>DeviceProblems</name>
    <message>
        <location filename="../../ui/problem_text.py" line="33" />
        <source>identity</source>
        <translation>身份信息</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="34" />
        <source>battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="35" />
        <source>battery details</source>
        <translation>电池详情</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="36" />
        <source>screen size</source>
        <translation>屏幕尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="37" />
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="38" />
        <source>storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="39" />
        <source>accounts (maker account lock, FRP)</source>
        <translation>账号（厂商账号锁、FRP）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="42" />
        <source>device owner (MDM)</source>
        <translation>设备所有者（MDM）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="43" />
        <source>root</source>
        <translation>root</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="44" />
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="45" />
        <source>Find My</source>
        <translation>查找</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="46" />
        <source>supervision</source>
        <translation>监管</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="47" />
        <source>profiles</source>
        <translation>描述文件</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="48" />
        <source>apps</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="55" />
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="57" />
        <source>disconnected</source>
        <translation>已断开</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="66" />
        <source>battery health: this phone does not expose its capacity over adb</source>
        <translation>电池健康：此手机无法通过adb读取容量</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="69" />
        <source>battery cycle count: not exposed by this phone</source>
        <translation>电池循环次数：此手机不提供</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="73" />
        <source>IMEI: Android 10+ does not give it over adb without root; dial *#06# on the phone and type it in</source>
        <translation>IMEI：Android 10及以上无root时无法通过adb读取；请在手机拨号*#06#后手动输入</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="77" />
        <source>carrier lock: Android does not report it over adb; try a foreign SIM</source>
        <translation>运营商锁：Android无法通过adb读取；请插入其他运营商SIM卡测试</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="80" />
        <source>battery health: the diagnostics relay gave no capacity</source>
        <translation>电池健康：诊断服务未提供容量</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="83" />
        <source>battery cycle count: not reported</source>
        <translation>电池循环次数：未提供</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="86" />
        <source>parts: iOS does not say over USB whether a part is genuine</source>
        <translation>部件：iOS无法通过USB判断部件是否原装</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="89" />
        <source>IMEI: not reported (Wi-Fi-only model, or before pairing)</source>
        <translation>IMEI：未提供（仅Wi-Fi机型，或尚未配对）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="92" />
        <source>Activation Lock: Find My state not readable; check Settings &gt; Apple ID</source>
        <translation>激活锁：无法读取“查找”状态；请在 设置 &gt; Apple ID 中查看</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="96" />
        <source>MDM: supervision and profiles not readable; check Settings &gt; VPN &amp; Device Management</source>
        <translation>监管：无法读取监管和描述文件；请在 设置 &gt; VPN与设备管理 中查看</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="100" />
        <source>RAM and screen resolution: not reported over lockdown</source>
        <translation>内存和屏幕分辨率：iPhone不提供</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="103" />
        <source>storage: `df /data` gave no size</source>
        <translation>存储：`df /data` 未给出容量</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="106" />
        <source>RAM: /proc/meminfo gave no MemTotal</source>
        <translation>内存：/proc/meminfo 未给出总量</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="109" />
        <source>screen resolution: `wm size` gave none</source>
        <translation>屏幕分辨率：`wm size` 未给出</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="112" />
        <source>carrier lock: not readable over lockdown; try a foreign SIM</source>
        <translation>运营商锁：无法读取；请插入其他运营商SIM卡测试</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="121" />
        <source>%1 while reading %2</source>
        <translation>读取%2时%1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="132" />
        <source>battery health: this iOS reports capacity as %1 %, not mAh; read Settings &gt; Battery &gt; Battery Health</source>
        <translation>电池健康：此iOS版本以百分比（%1%）报告容量而非毫安时；请查看 设置 &gt; 电池 &gt; 电池健康</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="141" />
        <source>IMEI: %1 fails the Luhn check; ignored</source>
        <translation>IMEI：%1 未通过校验，已忽略</translation>
    </message>
</context>
<context>
    <name>DiskProblems</name>
    <message>
        <location filename="../../ui/problem_text.py" line="288" />
        <source> (Settings shows where it is)</source>
        <translation>（数据位置见“设置”页）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="297" />
        <source>the disk holding the station's data is full (%1 free). Free space on it, or move the station's data to a larger disk%3.</source>
        <translation>存放本机数据的磁盘已满（剩余 %1）。请清理该磁盘，或把本机数据移到更大的磁盘%3。</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="303" />
        <source>the disk holding the station's data has only %1 free, and %2 are needed. Free space on it, or move the station's data to a larger disk%3.</source>
        <translation>存放本机数据的磁盘只剩 %1 可用，至少需要 %2。请清理该磁盘，或把本机数据移到更大的磁盘%3。</translation>
    </message>
</context>
<context>
    <name>FindingKind</name>
    <message>
        <location filename="../../ui/problem_text.py" line="756" />
        <source>crack</source>
        <translation>裂纹</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="757" />
        <source>scratch</source>
        <translation>划痕</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="758" />
        <source>scuff</source>
        <translation>磨损</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="759" />
        <source>oil</source>
        <translation>油污</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="760" />
        <source>stain</source>
        <translation>污渍</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="761" />
        <source>dead pixel</source>
        <translation>坏点</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="762" />
        <source>stuck pixel</source>
        <translation>彩点（卡色像素）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="763" />
        <source>bright pixel</source>
        <translation>亮点</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="764" />
        <source>display line</source>
        <translation>屏幕线条</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="765" />
        <source>burn-in</source>
        <translation>烧屏</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="766" />
        <source>mura (uneven patch)</source>
        <translation>屏幕色斑（mura）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="767" />
        <source>dent</source>
        <translation>凹痕</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="768" />
        <source>chip</source>
        <translation>崩边</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../ui/history_page.py" line="38" />
        <source>IMEI, serial, seller name or phone; Enter to search</source>
        <translation>IMEI、序列号、卖家姓名或手机号，回车搜索</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="42" />
        <source>any grade</source>
        <translation>全部成色</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="48" />
        <source>any time</source>
        <translation>全部时间</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="49" />
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="50" />
        <source>last 7 days</source>
        <translation>最近7天</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="51" />
        <source>last 30 days</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="58" />
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="59" />
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="60" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="61" />
        <source>Grade</source>
        <translation>成色</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="62" />
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="63" />
        <source>Seller</source>
        <translation>卖家</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="73" />
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="117" />
        <source>unknown phone</source>
        <translation>未知手机</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="118" />
        <source>refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="126" />
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="127" />
        <source>reviewed</source>
        <translation>已复核</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="128" />
        <source>quoted</source>
        <translation>已报价</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="129" />
        <source>sealed</source>
        <translation>已封存</translation>
    </message>
    <message>
        <location filename="../../ui/history_page.py" line="130" />
        <source>erased</source>
        <translation>已擦除</translation>
    </message>
</context>
<context>
    <name>IdentifyPage</name>
    <message>
        <location filename="../../ui/identify_page.py" line="40" />
        <source>&amp;Photograph the phone</source>
        <translation>拍照(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="45" />
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="50" />
        <source>Could not be read:</source>
        <translation>无法读取：</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="60" />
        <source>Dial *#06# on the phone and type its IMEI (two for two SIM slots)</source>
        <translation>在手机上拨 *#06#，输入显示的IMEI（双卡手机输入两个）</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="63" />
        <source>Record &amp;IMEI</source>
        <translation>记录IMEI(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="106" />
        <source>nothing: every item was read</source>
        <translation>无：全部已读取</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="114" />
        <source>%1 (typed in: %2)</source>
        <translation>%1（已手动输入：%2）</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="135" />
        <source>Recording…</source>
        <translation>正在记录…</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="150" />
        <source>No IMEI is recorded for this phone.</source>
        <translation>这台手机没有记录IMEI。</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="193" />
        <source>Managed by an organisation (MDM, 监控机): do not buy</source>
        <translation>设备受企业监管（MDM，监控机）：不能回收</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="195" />
        <source>Rooted or jailbroken</source>
        <translation>已root或越狱</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="197" />
        <source>Bootloader unlocked</source>
        <translation>Bootloader已解锁</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="200" />
        <source>Replaced parts: %1</source>
        <translation>更换过的部件：%1</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="208" />
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="212" />
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="213" />
        <source>Model code</source>
        <translation>型号代码</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="214" />
        <source>Storage</source>
        <translation>存储容量</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="215" />
        <source>Colour / region</source>
        <translation>颜色 / 版本</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="216" />
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="217" />
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="94" />
        <location filename="../../ui/identify_page.py" line="218" />
        <source>IMEI</source>
        <translation>IMEI</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="147" />
        <source>Recorded: %1. History finds the phone by its IMEI.</source>
        <translation>已记录：%1。历史记录可按IMEI查到这台手机。</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="173" />
        <source>Activation Lock (Find My) is ON: do not buy until the seller signs out of iCloud on the phone; then unplug it and plug it in again</source>
        <translation>激活锁（查找我的iPhone）已开启：卖家在手机上退出iCloud之前不能回收；退出后拔下手机重新插上</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="180" />
        <source>The maker's account lock is ON (Mi account, HUAWEI ID, …): do not buy until the seller signs out on the phone; then unplug it and plug it in again</source>
        <translation>厂商账号锁已开启（小米账号、华为账号等）：卖家在手机上退出账号之前不能回收；退出后拔下手机重新插上</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="188" />
        <source>A Google account (FRP) is signed in: the seller must remove it; then unplug the phone and plug it in again</source>
        <translation>已登录谷歌账号（FRP）：请卖家先删除账号，再拔下手机重新插上</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="220" />
        <source>Battery health</source>
        <translation>电池健康</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="221" />
        <source>%1, %2 cycles</source>
        <translation>%1，循环 %2 次</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="223" />
        <source>Locks</source>
        <translation>锁</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="231" />
        <source>%1 (typed by the clerk)</source>
        <translation>%1（店员输入）</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="239" />
        <source>activation</source>
        <translation>激活锁</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="241" />
        <source>maker account</source>
        <translation>厂商账号锁</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="242" />
        <source>carrier</source>
        <translation>运营商锁</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="243" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/identify_page.py" line="252" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <location filename="../../ui/seal_page.py" line="376" />
        <source>en</source>
        <comment>the language of this catalogue, as ui.language names it</comment>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>Locks</name>
    <message>
        <location filename="../../ui/problem_text.py" line="905" />
        <source>ON</source>
        <translation>开启</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="906" />
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="907" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>OsProblems</name>
    <message>
        <location filename="../../ui/problem_text.py" line="171" />
        <source>permission denied</source>
        <translation>没有权限</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="172" />
        <source>the drive is not there (unplugged?)</source>
        <translation>驱动器不存在（是否已拔出？）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="174" />
        <source>no such file or folder</source>
        <translation>文件或文件夹不存在</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="177" />
        <source>the disk or card failed (was it taken out?)</source>
        <translation>磁盘或存储卡出错（是否已拔出？）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="180" />
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="181" />
        <source>the disk quota is used up</source>
        <translation>磁盘配额已用完</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="182" />
        <source>the disk is read-only</source>
        <translation>磁盘为只读</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="183" />
        <source>a folder, not a file</source>
        <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="184" />
        <source>part of the path is not a folder</source>
        <translation>路径中有一部分不是文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="187" />
        <source>timed out</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="188" />
        <source>the network drive lost track of the file</source>
        <translation>网络驱动器上的文件已失效</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="191" />
        <source>in use by another program</source>
        <translation>正被其他程序占用</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="192" />
        <source>the name is too long</source>
        <translation>名称过长</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="208" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../../ui/overview_page.py" line="51" />
        <source>Phone</source>
        <extracomment>The clerk plugged the camera in after the start (demo mode for want of one).</extracomment>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="51" />
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="51" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="51" />
        <source>Serial</source>
        <translation>序列号</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="58" />
        <source>&amp;Inspect the selected phone</source>
        <translation>检测所选手机(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="61" />
        <source>&amp;Look for the camera again</source>
        <translation>重新查找摄像头(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="66" />
        <source>Connected phones</source>
        <translation>已连接的手机</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="82" />
        <source> (bundled sample)</source>
        <translation>（内置示例）</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="85" />
        <source>none at index %1 (demo photos until one is plugged in)</source>
        <translation>编号 %1 无摄像头（插上摄像头前使用演示照片）</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="87" />
        <source>demo photos</source>
        <translation>演示照片</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="89" />
        <source>camera %1</source>
        <translation>摄像头 %1</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="92" />
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="94" />
        <source>off (not configured)</source>
        <translation>关（未配置）</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="98" />
        <source>Camera: %1 · Price sheet: v%2 %3, effective %4%5 · Sync: %6</source>
        <translation>摄像头：%1 · 价格表：v%2 %3，%4 起生效%5 · 同步：%6</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="113" />
        <location filename="../../ui/overview_page.py" line="158" />
        <source>unplugged</source>
        <translation>已拔出</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="142" />
        <source>USB</source>
        <translation>USB</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="143" />
        <source>Wi-Fi</source>
        <translation>Wi-Fi</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="144" />
        <source>recorded</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="150" />
        <source>reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="151" />
        <source>tap “Allow USB debugging” on the phone</source>
        <translation>请在手机上点“允许USB调试”</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="152" />
        <source>tap “Trust” on the iPhone</source>
        <translation>请在iPhone上点“信任”</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="153" />
        <source>trust declined: replug</source>
        <translation>已拒绝信任：请重新插入</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="154" />
        <source>unlock the iPhone</source>
        <translation>请解锁iPhone</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="155" />
        <source>not paired</source>
        <translation>未配对</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="156" />
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="157" />
        <source>LOCKED</source>
        <translation>有锁</translation>
    </message>
    <message>
        <location filename="../../ui/overview_page.py" line="159" />
        <source>could not be read</source>
        <translation>无法读取</translation>
    </message>
</context>
<context>
    <name>Parts</name>
    <message>
        <location filename="../../ui/problem_text.py" line="924" />
        <source>battery</source>
        <translation>电池</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="925" />
        <source>display</source>
        <translation>屏幕</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="926" />
        <source>camera</source>
        <translation>摄像头</translation>
    </message>
</context>
<context>
    <name>PhotoQuality</name>
    <message>
        <location filename="../../ui/problem_text.py" line="720" />
        <source>No phone found in the picture</source>
        <translation>画面中没有找到手机</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="721" />
        <source>The phone is cut off at the edge of the picture</source>
        <translation>手机被画面边缘截断</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="724" />
        <source>The phone is too small: move the camera closer</source>
        <translation>手机太小：请把摄像头移近</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="727" />
        <source>Blurred: hold still or refocus</source>
        <translation>画面模糊：请保持不动或重新对焦</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="728" />
        <source>Glare on the glass: tilt the light or the phone</source>
        <translation>玻璃反光：请调整灯光或手机角度</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="731" />
        <source>Overexposed: lower the exposure</source>
        <translation>曝光过度：请降低曝光</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="734" />
        <source>Phone size unknown: sizes assume a 150 mm phone</source>
        <translation>手机尺寸未知：按 150 毫米长的手机估算尺寸</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="737" />
        <source>The screen is lit: turn it off to check the glass</source>
        <translation>屏幕亮着：请熄屏后再检查玻璃</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="740" />
        <source>A ring light is reflected in the glass (left out): light the phone from the sides</source>
        <translation>玻璃上映出了环形灯（已排除）：请从侧面打光</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="744" />
        <source>Marks that stayed put in the picture while the phone moved are reflections (left out)</source>
        <translation>手机移动后仍停在画面原处的痕迹是倒影（已排除）</translation>
    </message>
</context>
<context>
    <name>PhotoView</name>
    <message>
        <location filename="../../ui/photo_view.py" line="149" />
        <source>Opening the photo…</source>
        <extracomment>The longest side of the copy of a photo kept for showing. (box in photo pixels as x, y, w, h; colour; label) The phone's outline in the live view: its corners in photo pixels, in order. The outline's colour: the green of "phone found".</extracomment>
        <translation>正在打开照片…</translation>
    </message>
    <message>
        <location filename="../../ui/photo_view.py" line="171" />
        <source>This photo could not be opened:
%1</source>
        <translation>无法打开这张照片：
%1</translation>
    </message>
</context>
<context>
    <name>PhotographPage</name>
    <message>
        <location filename="../../ui/photograph_page.py" line="88" />
        <source>&amp;Capture</source>
        <extracomment>The guided captures in order, with the surface each shows. The photo files the file dialog lists. A photo was stored, or could not be: the disk's free space has changed. The clerk asked to photograph one more test pattern (the step is done). The photo the clerk is taking again, and its inspection's id: the next photo takes its place (`flow.photograph`).</extracomment>
        <translation>拍照(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="98" />
        <source>&amp;Review the findings</source>
        <translation>复核检测结果(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="124" />
        <source>First take the phone out of its case and peel off any screen protector: its edge would read as a scratch. Then lay it screen up, screen off, with the always-on display (clock) off too.</source>
        <translation>先把手机从保护壳中取出，并撕掉贴膜（膜的边缘会被当成划痕），再熄屏、屏幕朝上放好，息屏显示（时钟）也要关掉。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="163" />
        <source>Captures, in order:</source>
        <translation>按顺序拍摄：</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="331" />
        <source>Next: the left side (as you face the screen). Stand the phone on its right side (hold it, or lean it on a stand), the left side up to the camera.</source>
        <translation>下一张：左侧（面对屏幕时的左边）。把手机右侧朝下立在垫上（用手扶住或靠在支架上），左侧朝上对着相机。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="334" />
        <source>Next: the right side. Stand the phone on its left side (hold it, or lean it on a stand), the right side up to the camera.</source>
        <translation>下一张：右侧。把手机左侧朝下立在垫上（用手扶住或靠在支架上），右侧朝上对着相机。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="337" />
        <source>Next: the top end. Stand the phone upright on its bottom end (hold it, or lean it on a stand), the top end up to the camera.</source>
        <translation>下一张：顶部。把手机底部朝下竖立（用手扶住或靠在支架上），顶部朝上对着相机。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="411" />
        <source>On the iPhone: turn Dark Mode off and the brightness up, open Notes and start a new note, so that the screen is white. Then capture.</source>
        <translation>在 iPhone 上：关闭深色模式、调高亮度，打开“备忘录”新建一条备忘录，使屏幕呈白色，然后拍照。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="423" />
        <source>A recorded phone: the demo photo shows the white pattern.</source>
        <translation>录制的手机：演示照片已显示白色测试图。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="439" />
        <source>The phone is not connected: plug it in, wait until it reads ready.</source>
        <translation>手机未连接：请插上手机，等到显示“就绪”。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="111" />
        <source>Show the pattern on the &amp;phone</source>
        <translation>在手机上显示测试图(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="93" />
        <source>Use a photo from a &amp;file…</source>
        <translation>使用文件中的照片(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="113" />
        <source>Capture another test pa&amp;ttern</source>
        <translation>再拍一种测试图(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="154" />
        <source>&amp;Keep the photo taken</source>
        <extracomment>The last look at the disk found no room for a phone's photos (the window looks, `set_disk_full`). The inspection whose phone was sent a test pattern, and that phone: the patterns are taken off it again once the screen-on step is left. The last push or removal of a pattern, which the next waits for.</extracomment>
        <translation>保留已拍照片(&amp;K)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="156" />
        <source>Take the last photo &amp;again</source>
        <translation>重拍上一张(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="272" />
        <source>Taking again: %1. The new photo takes the place of the one taken, and that one's findings are dropped.</source>
        <translation>正在重拍：%1。新照片替换已拍的那张，那张的检测结果作废。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="281" />
        <source>Take the last photo &amp;again (%1)</source>
        <translation>重拍上一张：%1(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="293" />
        <source>%1 (no phone: take again)</source>
        <translation>%1（没拍到手机，请重拍）</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="296" />
        <source>%1 (%2 of 4 taken)</source>
        <translation>%1（已拍 %2/4）</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="340" />
        <source>Next: the bottom end (charging port). Stand the phone upright on its top end (hold it, or lean it on a stand), the bottom end up to the camera.</source>
        <translation>下一张：底部（充电口）。把手机顶部朝下竖立（用手扶住或靠在支架上），底部朝上对着相机。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="414" />
        <source>On the iPhone: turn Dark Mode on and the brightness up, open Notes and start a new note, so that the screen is black. Then capture.</source>
        <translation>在 iPhone 上：打开深色模式、调高亮度，打开“备忘录”新建一条备忘录，使屏幕呈黑色，然后拍照。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="419" />
        <source>On the iPhone: open a picture of this colour full screen in Photos, brightness up. Then capture.</source>
        <translation>在 iPhone 上：在“照片”中全屏打开一张该颜色的图片，调高亮度，然后拍照。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="427" />
        <source>Unlock the phone, press the button: it opens the pattern full screen. Turn its brightness up, then capture.</source>
        <translation>解锁手机后按此按钮：手机将全屏打开测试图。调高亮度后拍照。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="445" />
        <source>Sending the pattern to the phone…</source>
        <translation>正在把测试图发送到手机…</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="500" />
        <source>The phone should now show the pattern: brightness up, then capture.</source>
        <translation>手机现在应显示测试图：调高亮度后拍照。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="508" />
        <source>The pattern could not be shown on the phone (%1). Open it on the phone by hand, then capture.</source>
        <translation>无法在手机上显示测试图（%1）。请在手机上手动打开，然后拍照。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="519" />
        <source>the phone did not answer</source>
        <translation>手机没有响应</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="521" />
        <source>the phone is unplugged</source>
        <translation>手机已断开连接</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="523" />
        <source>tap “Allow USB debugging” on the phone</source>
        <translation>请在手机上点“允许USB调试”</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="526" />
        <source>the phone has no app that opens pictures</source>
        <translation>手机上没有能打开图片的应用</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="527" />
        <source>no app on the phone opened it: %1</source>
        <translation>手机上没有应用能打开它：%1</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="542" />
        <source>No camera: the demo photos are for the recorded phones only. Use a photo from a file, or plug a camera in and press Look for the camera again on the Phones page.</source>
        <translation>没有摄像头：演示照片只用于录制的手机。请使用文件中的照片，或接上摄像头后在“手机”页按“重新查找摄像头”。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="573" />
        <source>No picture: %1</source>
        <translation>没有画面：%1</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="578" />
        <source>This phone is sealed: its photos cannot change</source>
        <translation>这台手机已封存：照片不能再更改</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="579" />
        <source>Every photo is taken: review the findings, or take one again</source>
        <translation>照片已全部拍完：请复核检测结果，或重拍其中一张</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="590" />
        <source>The disk is full: this phone's photos may not all be stored</source>
        <translation>磁盘已满：这台手机的照片可能无法全部保存</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="591" />
        <source>Looks good: capture</source>
        <translation>画面良好：可以拍照</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="628" />
        <source>Photo for: %1</source>
        <translation>选择照片：%1</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="630" />
        <source>Photos (%1);;All files (*)</source>
        <translation>照片 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="657" />
        <source>Storing and analysing the photo…</source>
        <translation>正在保存并分析照片…</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="677" />
        <source>No phone was found in the photo just taken (%1): take it again.</source>
        <translation>刚拍的照片（%1）里没有找到手机：请重拍。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="685" />
        <source>The photo just taken (%1) has problems, so its findings may be incomplete: %2</source>
        <translation>刚拍的照片（%1）有问题，检测结果可能不全：%2</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="697" />
        <source>Marks that stayed put in the picture while the phone moved are reflections: they were left out of the photo just taken (%1).</source>
        <translation>手机移动后仍停在画面原处的痕迹是倒影，已从刚拍的照片（%1）中排除。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="705" />
        <source>A lamp's reflection in the glass can read as a mark. If one of the marks found is a reflection, slide the phone a hand's width across the mat and take this photo again: marks that stay put in the picture are left out.</source>
        <translation>玻璃上灯光的倒影可能被当成痕迹。如果检出的痕迹中有倒影，请把手机在垫子上平移约一掌宽，再重拍这张照片：停在画面原处不动的痕迹会被排除。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="719" />
        <source>The price given before this photo is withdrawn, with the change from %1 to %2 made by %3: review the findings, price the phone again, and change the price again if the change still holds.</source>
        <translation>拍这张照片之前给出的报价已作废，%3 将价格从 %1 改为 %2 的改价也一并作废：请复核检测结果后重新估价；如改价理由仍然成立，请重新改价。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="729" />
        <source>The price given before this photo is withdrawn: review the findings and price the phone again.</source>
        <translation>拍这张照片之前给出的报价已作废：请复核检测结果后重新估价。</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="756" />
        <source>This photo cannot be used: %1</source>
        <translation>此照片无法使用：%1</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="760" />
        <source>The photo could not be stored: %1</source>
        <translation>照片无法保存：%1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="634" />
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="635" />
        <source>Black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="636" />
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="637" />
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="638" />
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="639" />
        <source>50 % grey</source>
        <translation>50% 灰色</translation>
    </message>
    <message>
        <location filename="../../ui/photograph_page.py" line="318" />
        <location filename="../../ui/problem_text.py" line="654" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="610" />
        <source>1. Screen off, glass up</source>
        <translation>1. 熄屏，屏幕朝上</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="613" />
        <source>2. Screen on, test pattern</source>
        <translation>2. 亮屏，显示测试图</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="616" />
        <source>3. Back</source>
        <translation>3. 背面</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="617" />
        <source>4. Sides</source>
        <translation>4. 侧面</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="624" />
        <source>left side</source>
        <translation>左侧</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="625" />
        <source>right side</source>
        <translation>右侧</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="626" />
        <source>top end</source>
        <translation>顶部</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="627" />
        <source>bottom end</source>
        <translation>底部</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../ui/i18n.py" line="50" />
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="51" />
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>快捷方式</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="52" />
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="53" />
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../ui/i18n.py" line="48" />
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../ui/i18n.py" line="49" />
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QuoteFacts</name>
    <message>
        <location filename="../../ui/problem_text.py" line="795" />
        <source>version %1 from the phone</source>
        <translation>版本%1（手机报告）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="797" />
        <source>grade %1</source>
        <translation>成色 %1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="798" />
        <source>%1 found</source>
        <translation>共 %1 处</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="827" />
        <source>accessory %1 missing</source>
        <translation>缺配件 %1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="799" />
        <source>changed by %1</source>
        <translation>改价人 %1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="791" />
        <source>price sheet v%1, line %2: %3</source>
        <translation>价目表 v%1 第 %2 行：%3</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="800" />
        <source>approved by %1</source>
        <translation>批准人 %1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="801" />
        <source>at %1</source>
        <translation>时间 %1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="834" />
        <source>version unknown, priced as 国行</source>
        <translation>版本未知，按国行计价</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="837" />
        <source>version unknown, the only version on the sheet</source>
        <translation>版本未知，价目表上只有这一个版本</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="850" />
        <source>battery health %1 %</source>
        <translation>电池健康 %1%</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="853" />
        <source>%1 charge cycles</source>
        <translation>充电循环 %1 次</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="856" />
        <source>battery health</source>
        <translation>电池健康</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="857" />
        <source>charge cycles</source>
        <translation>充电循环次数</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="890" />
        <source>maker account lock</source>
        <translation>厂商账号锁</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="892" />
        <source>activation lock</source>
        <translation>激活锁</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="896" />
        <source>carrier lock</source>
        <translation>运营商锁</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="859" />
        <source>bootloader unlocked</source>
        <translation>Bootloader已解锁</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="862" />
        <source>rooted</source>
        <translation>已root</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="863" />
        <source>a part replaced</source>
        <translation>有部件更换过</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="871" />
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="875" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="876" />
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="877" />
        <source>original</source>
        <translation>原装</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="878" />
        <source>replaced</source>
        <translation>已更换</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="881" />
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="956" />
        <source>, </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>QuotePage</name>
    <message>
        <location filename="../../ui/quote_page.py" line="51" />
        <source>Line</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="51" />
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="51" />
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="70" />
        <source>&amp;Price the phone</source>
        <translation>估价(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="72" />
        <source>Show the &amp;seller</source>
        <translation>给卖家看(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="74" />
        <source>&amp;Change the price…</source>
        <translation>调整价格(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="76" />
        <source>&amp;Agree and seal</source>
        <translation>同意并封存(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="88" />
        <source>Rules that decided the grade:</source>
        <translation>决定成色的规则：</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="102" />
        <source>Accessories:</source>
        <translation>配件：</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="122" />
        <source>Not priced yet</source>
        <translation>尚未估价</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="128" />
        <source>Grade %1 · CTIA %2/%3 · screen %4</source>
        <translation>成色 %1 · CTIA %2/%3 · 屏幕 %4</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="166" />
        <source>REFUSED: this phone cannot be bought</source>
        <translation>拒收：此手机不能回收</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="168" />
        <source>Total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="224" />
        <source>Price again</source>
        <translation>重新估价</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="227" />
        <source>The price was changed to %1 (%2). Pricing the phone again puts a new quote in its place. Price it again?</source>
        <translation>价格已改为 %1（%2）。重新估价会用新的报价取代它。要重新估价吗？</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="255" />
        <source>Cannot price</source>
        <translation>无法估价</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="278" />
        <location filename="../../ui/quote_page.py" line="287" />
        <source>Change the price</source>
        <translation>调整价格</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="279" />
        <source>New price (¥):</source>
        <translation>新价格（元）：</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="287" />
        <source>Why?</source>
        <translation>原因？</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="295" />
        <source>Manager approval</source>
        <translation>店长批准</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="296" />
        <source>Manager PIN:</source>
        <translation>店长密码：</translation>
    </message>
    <message>
        <location filename="../../ui/quote_page.py" line="318" />
        <source>Price not changed</source>
        <translation>价格未更改</translation>
    </message>
</context>
<context>
    <name>Refusals</name>
    <message>
        <location filename="../../ui/problem_text.py" line="523" />
        <source>the seller's name is needed</source>
        <translation>请填写卖家姓名</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="524" />
        <source>an ID number has 18 characters: 17 digits and a digit or X</source>
        <translation>身份证号应为 18 位：17 位数字加一位数字或 X</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="527" />
        <source>the ID number's last character does not match: mistyped?</source>
        <translation>身份证号最后一位校验不符：是否输错了？</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="530" />
        <source>a Home Return Permit number is H or M and 8 digits</source>
        <translation>港澳居民来往内地通行证号码应为 H 或 M 加 8 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="533" />
        <source>a Taiwan residents' permit number has 8 digits</source>
        <translation>台湾居民来往大陆通行证号码应为 8 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="536" />
        <source>a passport number has 5 to 17 letters and digits</source>
        <translation>护照号码应为 5 到 17 位字母和数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="539" />
        <source>a 15-character foreigner's card starts with the holder's country (USA, RUS…): %1 is none</source>
        <translation>15 位外国人永久居留证以持证人国籍代码开头（如 USA、RUS）：%1 不是国籍代码</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="544" />
        <source>choose the country that issued the passport</source>
        <translation>请选择护照的签发国家</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="547" />
        <source>%1 is not a country: choose one from the list</source>
        <translation>%1 不是国家名称，请从列表中选择</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="550" />
        <source>a mobile number has 11 digits and starts with 1 (others: +852…)</source>
        <translation>手机号应为以 1 开头的 11 位数字（境外号码请加区号，如 +852）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="553" />
        <source>a Hong Kong or Macao mobile is +852 or +853 and 8 digits</source>
        <translation>香港、澳门手机号应为 +852 或 +853 加 8 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="556" />
        <source>a mobile number with its country code is + and 8 to 15 digits</source>
        <translation>带区号的手机号应为 + 加 8 到 15 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="559" />
        <source>price the phone before sealing</source>
        <translation>请先估价再封存</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="560" />
        <source>this phone was refused; it cannot be bought</source>
        <translation>这台手机已被拒收，不能回收</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="563" />
        <source>the price is now %1: the seller must agree to it again</source>
        <translation>价格已变为 %1，须请卖家重新确认并同意</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="567" />
        <source>an IMEI has 15 digits: %1 is not one</source>
        <translation>IMEI是15位数字，%1 不是</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="568" />
        <source>IMEI %1: its last digit does not match, mistyped?</source>
        <translation>IMEI %1 的最后一位校验不符，是否输错？</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="571" />
        <source>a phone has one IMEI, or two with two SIM slots</source>
        <translation>一台手机只有一个IMEI，双卡手机两个</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="574" />
        <source>the phone gave its IMEI itself; it is not typed in</source>
        <translation>手机已报告IMEI，无需手动输入</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="577" />
        <source>the record is sealed; its IMEIs cannot change</source>
        <translation>记录已封存，IMEI不能再改</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="581" />
        <source>the phone's model is unknown, so it cannot be priced</source>
        <translation>不知道手机型号，无法估价</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="584" />
        <source>the sheet does not buy %1 at %2 (%3)</source>
        <translation>价目表不收 %2（%3）成色的 %1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="587" />
        <source>no price on sheet %1 (%2): %3</source>
        <translation>价目表 %1（%2）没有这台手机的价格：%3</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="588" />
        <source>not photographed yet: %1; take these photos first, each showing the phone</source>
        <translation>还没有拍：%1。请先拍好这些照片，每张都要拍到手机</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="591" />
        <source>a refused phone has no price to override</source>
        <translation>已拒收的手机没有可调整的价格</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="594" />
        <source>an override needs a reason</source>
        <translation>调整价格需要填写原因</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="595" />
        <source>a price cannot be negative</source>
        <translation>价格不能为负数</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="596" />
        <source>going below the quote needs a manager's PIN</source>
        <translation>低于报价需要店长密码</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="599" />
        <source>no manager PIN is set; set one with `yanji settings manager-pin`</source>
        <translation>尚未设置店长密码；请用 `yanji settings manager-pin` 设置</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="602" />
        <source>the manager PIN is wrong</source>
        <translation>店长密码错误</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="603" />
        <source>a manager PIN is 4 to 12 digits</source>
        <translation>店长密码应为 4 到 12 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="676" />
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="686" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="687" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <location filename="../../ui/review_page.py" line="57" />
        <source>Take this photo a&amp;gain</source>
        <extracomment>Box colours: findings on the record, and those the clerk drew but has not saved. How tall the evidence crop is shown beside the findings, in pixels. The clerk would take this photo (a `PhotoRef`) again.</extracomment>
        <translation>重拍这张照片(&amp;G)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="79" />
        <source>&amp;Accept review and price</source>
        <extracomment>Evidence crops asked for: one that arrives after another was asked is dropped.</extracomment>
        <translation>确认复核并估价(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="83" />
        <source>Findings (untick to reject):</source>
        <translation>检测结果（取消勾选即驳回）：</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="85" />
        <source>Evidence:</source>
        <translation>证据：</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="87" />
        <source>Draw a box on the photo to add a finding of kind:</source>
        <translation>在照片上框选以添加此类缺陷：</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="121" />
        <source> (clerk)</source>
        <translation>（店员）</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="129" />
        <source>No findings, but see the photo problems above</source>
        <translation>未检出缺陷，但请看上方的照片问题</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="131" />
        <source>No findings: the glass looks clean</source>
        <translation>无缺陷：屏幕干净</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="142" />
        <source>Photo problems (its findings may be incomplete):</source>
        <translation>照片问题（其检测结果可能不完整）：</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="161" />
        <source> — replaced</source>
        <translation>（已重拍）</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="243" />
        <source>Pick a finding to see its evidence here</source>
        <translation>选中一项检测结果，在此查看证据</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="247" />
        <source>This finding has no evidence crop</source>
        <translation>这项检测结果没有证据截图</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="269" />
        <source>The evidence crop could not be opened:
%1</source>
        <translation>无法打开证据截图：
%1</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="287" />
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <location filename="../../ui/review_page.py" line="305" />
        <source>drawn by the clerk</source>
        <translation>店员框选</translation>
    </message>
</context>
<context>
    <name>SealPage</name>
    <message>
        <location filename="../../ui/seal_page.py" line="52" />
        <source>The seller has seen the itemised quote and agrees</source>
        <translation>卖家已查看分项报价并同意</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="55" />
        <source>&amp;Seal the record</source>
        <translation>封存记录(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="68" />
        <source>Seller's name</source>
        <translation>卖家姓名</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="51" />
        <source>11 digits, or +852… with the country code</source>
        <translation>11 位数字，境外号码加区号（如 +852…）</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="102" />
        <source>Type or choose: a name, or RUS</source>
        <translation>输入或选择：国名，或 RUS 这样的代码</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="69" />
        <source>Identity document</source>
        <translation>证件类型</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="70" />
        <source>Document number</source>
        <translation>证件号码</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="71" />
        <source>Issued by (country)</source>
        <translation>签发国家</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="73" />
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="75" />
        <source>Seal</source>
        <translation>封存</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="234" />
        <source>The price is now %1: the seller must agree to it again.</source>
        <translation>价格已变为 %1，请卖家重新确认并同意。</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="240" />
        <source>Sealed. This record is now read-only.</source>
        <translation>已封存，记录不可再修改。</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="246" />
        <source>unknown phone</source>
        <translation>未知手机</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="249" />
        <source>%1 · not priced yet</source>
        <translation>%1 · 尚未估价</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="251" />
        <source>%1 · cannot be bought</source>
        <translation>%1 · 不能回收</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="253" />
        <source>%1 · grade %2 · total %3</source>
        <translation>%1 · 成色 %2 · 合计 %3</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="261" />
        <source>IMEI %1</source>
        <translation>IMEI %1</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="266" />
        <source>⚠ No IMEI is recorded: the phone gave none. Dial *#06# on it and type the IMEI on the Identify page before sealing.</source>
        <translation>⚠ 未记录IMEI：手机没有报告。封存前请在手机上拨 *#06#，在“识别”页输入IMEI。</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="272" />
        <source>IMEI: none recorded</source>
        <translation>IMEI：未记录</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="300" />
        <source>Tick the seller's agreement first.</source>
        <translation>请先勾选卖家同意。</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="343" />
        <source>Resident ID card, residence permit or permanent residence card</source>
        <translation>居民身份证 / 居住证 / 永居证</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="346" />
        <source>Home Return Permit (Hong Kong, Macao)</source>
        <translation>港澳居民来往内地通行证</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="349" />
        <source>Taiwan residents' travel permit</source>
        <translation>台湾居民来往大陆通行证</translation>
    </message>
    <message>
        <location filename="../../ui/seal_page.py" line="352" />
        <source>Passport</source>
        <translation>护照</translation>
    </message>
</context>
<context>
    <name>SellerViewDialog</name>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="61" />
        <source>Your quote</source>
        <extracomment>Type sizes in points: read across a counter. The receipt's widest: on a wide screen the amounts stay near their lines. The least room on either side of the receipt.</extracomment>
        <translation>您的报价</translation>
    </message>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="96" />
        <source>Once this lock is removed from the phone, it can be checked again.</source>
        <translation>手机解除此锁定后，可以重新检测。</translation>
    </message>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="99" />
        <source>Once these locks are removed from the phone, it can be checked again.</source>
        <translation>手机解除以上各项锁定后，可以重新检测。</translation>
    </message>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="136" />
        <source>IMEI %1</source>
        <translation>IMEI %1</translation>
    </message>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="143" />
        <source>Grade %1</source>
        <translation>成色 %1</translation>
    </message>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="80" />
        <source>REFUSED: this phone cannot be bought</source>
        <translation>拒收：此手机不能回收</translation>
    </message>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="82" />
        <source>Total %1</source>
        <translation>合计 %1</translation>
    </message>
    <message>
        <location filename="../../ui/seller_view_dialog.py" line="106" />
        <source>Esc: back to the station</source>
        <translation>按 Esc 返回验机台</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="146" />
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="150" />
        <source>A fixed exposure keeps black glass from glaring. Linux: in units of 0.1 ms (e.g. 150); Windows: a power of two in seconds (e.g. -6 is 1/64 s).</source>
        <translation>固定曝光可避免黑色玻璃反光过曝。Linux：单位为 0.1 毫秒（如 150）；Windows：以秒为单位的 2 的幂（如 -6 即 1/64 秒）。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="76" />
        <source>System language</source>
        <extracomment>The exposure box's lowest step, shown as "Auto"; the settings allow -13 and up. Camera settings saved while no camera answered at start (demo mode for want of one): the window looks for it (`StationWindow.look_for_camera`). The language was changed and saved: the window is built afresh in it. The name of the camera at that index, or which indices have one.</extracomment>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="83" />
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="85" />
        <source>&amp;Import a price sheet (CSV or XLSX)…</source>
        <translation>导入价格表（CSV或XLSX）(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="87" />
        <source>Save the scale &amp;marker sheet to print…</source>
        <translation>保存比例标记纸以便打印(&amp;M)…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="90" />
        <source>Station name</source>
        <translation>验机台名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="91" />
        <source>Store name</source>
        <translation>门店名称</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="92" />
        <source>Clerk</source>
        <translation>店员</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="93" />
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="94" />
        <source>Resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="95" />
        <source>Exposure</source>
        <translation>曝光</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="96" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="97" />
        <source>Data directory</source>
        <translation>数据目录</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="99" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="134" />
        <source>No camera is plugged in.</source>
        <translation>未检测到摄像头。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="136" />
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="137" />
        <source>No camera at %1. Cameras: %2</source>
        <translation>%1 号没有摄像头。已检测到的摄像头：%2</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="189" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="194" />
        <source>Saved. Switching the language…</source>
        <translation>已保存。正在切换语言…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="204" />
        <source>Saved. Looking for camera %1…</source>
        <translation>已保存。正在查找摄像头 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="207" />
        <source>Saved. The demo (--demo) does not use the camera.</source>
        <translation>已保存。演示（--demo）不使用摄像头。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="209" />
        <source>Saved. Opening camera %1…</source>
        <translation>已保存。正在打开摄像头 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="222" />
        <source>Saved. Camera %1 gives %2×%3.</source>
        <translation>已保存。摄像头 %1 的画面为 %2×%3。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="227" />
        <source>Saved, but %1</source>
        <translation>已保存，但%1</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="231" />
        <source>Saved, but camera %1 does not answer: %2</source>
        <translation>已保存，但摄像头 %1 没有响应：%2</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="239" />
        <source>Price sheet</source>
        <translation>价格表</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="239" />
        <source>Price sheets (*.csv *.xlsx *.txt)</source>
        <translation>价格表 (*.csv *.xlsx *.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="246" />
        <source>Scale marker</source>
        <translation>比例标记</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="246" />
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="261" />
        <source>%1 could not be written: %2</source>
        <translation>%1 无法写入：%2</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="267" />
        <source>Saved %1: print it at 100 % (actual size); its black square must measure %2 mm.</source>
        <translation>已保存 %1：请按 100%（实际大小）打印，黑色方块应为 %2 毫米。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="278" />
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="294" />
        <source>Imported as version %1 (%2 rows): it prices phones from now on.</source>
        <translation>已导入为第 %1 版（%2 行）：即日起按此表估价。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="296" />
        <source>Imported as version %1 (%2 rows): it prices phones from %3.</source>
        <translation>已导入为第 %1 版（%2 行）：自 %3 起按此表估价。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="299" />
        <source>Imported as version %1 (%2 rows); version %4, dated later (%5), stays in force.</source>
        <translation>已导入为第 %1 版（%2 行）；第 %4 版日期更晚（%5），仍按第 %4 版估价。</translation>
    </message>
</context>
<context>
    <name>SettingsProblems</name>
    <message>
        <location filename="../../ui/problem_text.py" line="416" />
        <source>cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="417" />
        <source>not UTF-8 text</source>
        <translation>不是 UTF-8 文本</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="418" />
        <source>not JSON: line %1 column %2: %3</source>
        <translation>不是 JSON：第 %1 行第 %2 列：%3</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="421" />
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="422" />
        <source>not JSON: line %1 column %2: a value was expected (a comma too many, or text without double quotes?)</source>
        <translation>不是 JSON：第 %1 行第 %2 列：此处应有一个值（是否多了逗号，或文字没有加双引号？）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="427" />
        <source>not JSON: line %1 column %2: a name in double quotes was expected (a comma too many before }, or single quotes?)</source>
        <translation>不是 JSON：第 %1 行第 %2 列：此处应有加双引号的名称（是否 } 前多了逗号，或用了单引号？）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="432" />
        <source>not JSON: line %1 column %2: a colon is missing after the name</source>
        <translation>不是 JSON：第 %1 行第 %2 列：名称后缺少冒号</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="435" />
        <source>not JSON: line %1 column %2: a comma is missing before this</source>
        <translation>不是 JSON：第 %1 行第 %2 列：此处之前缺少逗号</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="438" />
        <source>not JSON: line %1 column %2: the text in quotes is never closed</source>
        <translation>不是 JSON：第 %1 行第 %2 列：引号里的文字没有结束的引号</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="442" />
        <source>not JSON: line %1 column %2: a tab or line break inside quotes</source>
        <translation>不是 JSON：第 %1 行第 %2 列：引号里有制表符或换行</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="446" />
        <source>not JSON: line %1 column %2: a backslash inside quotes must be written twice (C:\\photos)</source>
        <translation>不是 JSON：第 %1 行第 %2 列：引号里的反斜杠要写两个（C:\\photos）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="451" />
        <source>not JSON: line %1 column %2: more text after the settings' closing }</source>
        <translation>不是 JSON：第 %1 行第 %2 列：设置的结尾 } 之后还有内容</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="455" />
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="456" />
        <source>schema_version %1 is not a positive whole number</source>
        <translation>schema_version %1 不是正整数</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="459" />
        <source>written by a newer Yanji (settings version %1); update Yanji</source>
        <translation>由更新版本的验机台写入（设置版本 %1）；请更新验机台</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="462" />
        <source>%1 is not a setting (misspelt?)</source>
        <translation>%1 不是一项设置（是否拼错？）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="465" />
        <source>%1 is %2, not a section of settings</source>
        <translation>%1 是 %2，不是一组设置</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="468" />
        <source>%1 is %2, below the least allowed (%3)</source>
        <translation>%1 是 %2，低于最小允许值（%3）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="471" />
        <source>%1 is %2, above the most allowed (%3)</source>
        <translation>%1 是 %2，高于最大允许值（%3）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="474" />
        <source>%1 must not be empty</source>
        <translation>%1 不能为空</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="475" />
        <source>%1 is longer than %3 characters</source>
        <translation>%1 超过 %3 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="478" />
        <source>%1 is %2, not one of %3</source>
        <translation>%1 是 %2，不在 %3 之中</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="479" />
        <source>%1 is %2, not a whole number</source>
        <translation>%1 是 %2，不是整数</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="482" />
        <source>%1 is %2, not a number</source>
        <translation>%1 是 %2，不是数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="483" />
        <source>%1 is %2, not true or false</source>
        <translation>%1 是 %2，不是 true 或 false</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="486" />
        <source>%1 is %2, not text in quotes</source>
        <translation>%1 是 %2，不是带引号的文字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="489" />
        <source>%1 is %2, not an address starting with http:// or https://</source>
        <translation>%1 是 %2，不是以 http:// 或 https:// 开头的地址</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="492" />
        <source>%1 is not a PIN set by `yanji settings manager-pin`</source>
        <translation>%1 不是用 `yanji settings manager-pin` 设置的密码</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="495" />
        <source>%1 is %2: %3</source>
        <translation>%1 是 %2：%3</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="509" />
        <source>%1 cannot be used: %2</source>
        <translation>%1 无法使用：%2</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="514" />
        <source>%1 cannot be used as it is:</source>
        <translation>%1 有以下问题，无法照原样使用：</translation>
    </message>
</context>
<context>
    <name>Severity</name>
    <message>
        <location filename="../../ui/problem_text.py" line="777" />
        <source>light</source>
        <translation>轻微</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="778" />
        <source>moderate</source>
        <translation>中等</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="779" />
        <source>severe</source>
        <translation>严重</translation>
    </message>
</context>
<context>
    <name>SheetProblems</name>
    <message>
        <location filename="../../ui/problem_text.py" line="316" />
        <source>the file is empty</source>
        <translation>文件是空的</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="317" />
        <source>not a price sheet (use .csv or .xlsx)</source>
        <translation>不是价目表（请用 .csv 或 .xlsx 文件）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="320" />
        <source>not UTF-8, UTF-16 or GBK text</source>
        <translation>不是 UTF-8、UTF-16 或 GBK 编码的文本</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="321" />
        <source>not a readable XLSX workbook (%1)</source>
        <translation>不是可以读取的 XLSX 工作簿（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="324" />
        <source>no header row with a model (型号) column found</source>
        <translation>找不到带“型号”列的表头行</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="327" />
        <source>column '%1' is not a known heading or grade</source>
        <translation>列“%1”既不是已知的表头，也不是成色</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="330" />
        <source>no brand column</source>
        <translation>缺少“品牌”列</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="331" />
        <source>no model column</source>
        <translation>缺少“型号”列</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="332" />
        <source>no storage column</source>
        <translation>缺少“容量”列</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="333" />
        <source>no grade columns (e.g. 99新, 95新, 9成新)</source>
        <translation>没有成色列（如 99新、95新、9成新）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="336" />
        <source>effective date '%1' is not a date</source>
        <translation>生效日期“%1”不是日期</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="339" />
        <source>the sheet has no price rows</source>
        <translation>表中没有价格行</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="340" />
        <source>same phone as line %1 (%2)</source>
        <translation>与第 %1 行是同一款手机（%2）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="341" />
        <source>brand is empty</source>
        <translation>品牌为空</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="342" />
        <source>model is empty</source>
        <translation>型号为空</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="343" />
        <source>storage '%1' is not a capacity like 128G or 1T</source>
        <translation>容量“%1”不是 128G、1T 这样的容量</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="346" />
        <source>version '%1' is not one of 国行, 港版, 美版, 日版 ...</source>
        <translation>版本“%1”不是国行、港版、美版、日版等版本之一</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="349" />
        <source>%1: price '%2' is not a number of yuan</source>
        <translation>%1：价格“%2”不是以元为单位的数字</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="352" />
        <source>no prices in the row</source>
        <translation>这一行没有价格</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="353" />
        <source>%1 ¥%2 is above %3 ¥%4</source>
        <translation>%1 ¥%2 高于 %3 ¥%4</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="354" />
        <source>model '%1' is not on the sheet</source>
        <translation>价目表上没有型号“%1”</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="357" />
        <source>%1 has no %2 row (sheet has %3)</source>
        <translation>%1 没有 %2 的价格行（表中有 %3）</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="360" />
        <source>%1 %2 has no %3 row</source>
        <translation>%1 %2 没有%3的价格行</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="361" />
        <source>version of %1 unknown and the sheet has several</source>
        <translation>不知道 %1 是哪个版本，而表中有多个版本</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="376" />
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="392" />
        <source>%1 is already imported as version %2.</source>
        <translation>%1 已导入过，是第 %2 版。</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="398" />
        <source>%1 was not imported: %2</source>
        <translation>%1 未导入：%2</translation>
    </message>
    <message>
        <location filename="../../ui/problem_text.py" line="403" />
        <source>%1: nothing was imported (problems: %2). Mend the sheet and import it again.</source>
        <translation>%1：未导入任何价格（共 %2 处问题）。请改好表格后重新导入。</translation>
    </message>
</context>
<context>
    <name>Station</name>
    <message>
        <location filename="../../ui/station.py" line="167" />
        <source>Start with default settings? The station keeps its id where it can be read from the file.</source>
        <translation>用默认设置启动吗？若能从文件中读出本机编号，则保留原编号。</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="173" />
        <source>Start with the default for each of these, and keep the rest?</source>
        <translation>以上各项改用默认值、其余设置保留，然后启动吗？</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="178" />
        <source>The station's settings file cannot be read (%1):</source>
        <translation>验机台的设置文件无法读取（%1）：</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="180" />
        <source>The station's settings cannot all be used (%1):</source>
        <translation>验机台的设置有部分无法使用（%1）：</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="189" />
        <source>The file as it is now is kept beside it, so nothing in it is lost.</source>
        <translation>原文件会另存一份在旁边，其中内容不会丢失。</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="197" />
        <source>No manager PIN will be set: prices cannot go below a quote until one is set again with `yanji settings manager-pin`.</source>
        <translation>店长密码将不再有效：在用 `yanji settings manager-pin` 重新设置之前，价格不能改得低于报价。</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="204" />
        <location filename="../../ui/station.py" line="224" />
        <source>Yanji</source>
        <translation>验机台</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="207" />
        <source>Start with defaults</source>
        <translation>用默认值启动</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="211" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/station.py" line="226" />
        <source>The station cannot start: %1

Its data: %2</source>
        <translation>验机台无法启动：%1

数据位置：%2</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <location filename="../../ui/station_window.py" line="85" />
        <source>Yanji inspection station</source>
        <extracomment>How often the free space on the data's disk is looked at again (ms), besides after each photo.</extracomment>
        <translation>验机台</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="105" />
        <source>1 Phones</source>
        <translation>1 手机</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="106" />
        <source>2 Identify</source>
        <translation>2 识别</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="107" />
        <source>3 Photograph</source>
        <translation>3 拍照</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="108" />
        <source>4 Review</source>
        <translation>4 复核</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="109" />
        <source>5 Grade &amp; quote</source>
        <translation>5 成色与报价</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="110" />
        <source>6 Seal</source>
        <translation>6 封存</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="111" />
        <source>7 History</source>
        <translation>7 历史记录</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="112" />
        <source>8 Settings</source>
        <translation>8 设置</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="158" />
        <source>NO CAMERA: demo photos for the recorded phones, files for real ones</source>
        <translation>无摄像头：录制的手机用演示照片，真实手机用照片文件</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="160" />
        <source>DEMO: recorded phones and generated photos</source>
        <translation>演示：录制的手机与生成的照片</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="220" />
        <source>Looking for camera %1…</source>
        <translation>正在查找摄像头 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="228" />
        <source>Camera found: starting with it…</source>
        <translation>已找到摄像头：正在切换…</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="233" />
        <source>No camera at index %1: plug it in, or pick another index in Settings.</source>
        <translation>编号 %1 无摄像头：请插上摄像头，或在设置中选择其他编号。</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="239" />
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="281" />
        <source>Not finished</source>
        <translation>检测未完成</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="284" />
        <source>This phone's inspection of %1 was not finished: %2.

Carry on with it, with what the phone says now? Its photos and findings are kept, and it is priced again.</source>
        <translation>这部手机 %1 的检测没有完成：%2。

按手机现在的信息继续这次检测吗？照片和瑕疵都会保留，并重新估价。</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="293" />
        <source>&amp;Carry on with it</source>
        <translation>继续这次检测(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="294" />
        <source>Begin a &amp;new one</source>
        <translation>重新开始检测(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="309" />
        <source>refused</source>
        <translation>已拒收</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="311" />
        <source>refused (%1)</source>
        <translation>已拒收（%1）</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="311" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="313" />
        <source>priced at %1, not sealed</source>
        <translation>已估价 %1，未封存</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="315" />
        <source>not priced; photos taken: %1</source>
        <translation>未估价，已拍照片 %1 张</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="356" />
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="383" />
        <source>The disk holding the station's data has only %1 free; a phone's photos take about %2. Free space on it, or move the station's data to a larger disk%3.</source>
        <translation>存放本机数据的磁盘只剩 %1 可用，每台手机的照片约占 %2。请清理该磁盘，或把本机数据移到更大的磁盘%3。</translation>
    </message>
    <message>
        <location filename="../../ui/station_window.py" line="398" />
        <source>The free space on the disk holding the station's data cannot be read: %1</source>
        <translation>无法读取存放本机数据的磁盘的剩余空间：%1</translation>
    </message>
</context>
</TS>